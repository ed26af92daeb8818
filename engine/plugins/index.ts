/** The public plugin API: the only module plugins import from the engine. */
export type {
  ActionDefinition,
  AdvertisingRules,
  ChannelDefinition,
  ChannelHost,
  ChannelRequest,
  ChannelResponse,
  DeliveryReport,
  InboundMessage,
  MessagePurpose,
  OpenChannel,
  OutgoingMessage,
  SentMessage,
  DataActionDefinition,
  EffectActionDefinition,
  EffectContext,
  EventFacts,
  GuardContext,
  GuardDefinition,
  GuardVerdict,
  JsonSchema,
  Plugin,
  RecordData,
  RecordFacts,
} from './contract.js';
export type { Labels } from '../definitions/definition.js';
export { ChannelError, sameSecret } from './contract.js';

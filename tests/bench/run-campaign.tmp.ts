import { benchCampaign } from './campaign.js';
await benchCampaign();

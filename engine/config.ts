/** Configuration from the environment, with the defaults `npm start` needs. */
import path from 'node:path';

export interface Config {
  port: number;
  dataDir: string;
  mongodbUrl?: string;
  definitionsDir: string;
  pluginsDir: string;
  staticDir: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return {
    port,
    dataDir: path.resolve(cwd, env.DATA_DIR ?? 'data'),
    ...(env.MONGODB_URL ? { mongodbUrl: env.MONGODB_URL } : {}),
    definitionsDir: path.resolve(cwd, env.DEFINITIONS_DIR ?? 'definitions'),
    pluginsDir: path.resolve(cwd, env.PLUGINS_DIR ?? 'plugins'),
    staticDir: path.resolve(cwd, env.STATIC_DIR ?? 'designer/dist'),
  };
}

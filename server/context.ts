import type { Role } from '../lib/protocol/entities';
import type { PokeBus } from './live/poke-bus';
import type { Store } from './store/open-store';

/** The signed-in caller, as every route and service sees them. */
export interface AuthedUser {
  id: string;
  workspaceId: string;
  email: string;
  name: string;
  role: Role;
  departmentIds: string[];
}

export interface ServerConfig {
  /** Origins allowed besides the extension's own (chrome-extension://, moz-extension://). */
  extraOrigins: string[];
  /** When set, only these extension ids may call (production); unset allows any extension. */
  extensionIds: string[];
  /** Proxies (addresses, CIDR ranges) whose X-Forwarded-For names the client; empty trusts none. */
  trustProxy: string[];
  maxBodyBytes: number;
  sessionDays: number;
}

export interface Deps {
  store: Store;
  bus: PokeBus;
  config: ServerConfig;
  now: () => Date;
}

export interface AppEnv {
  Variables: {
    deps: Deps;
    actor: AuthedUser;
    rawBody: string;
  };
}

export const defaultServerConfig: ServerConfig = {
  extraOrigins: [],
  extensionIds: [],
  trustProxy: [],
  maxBodyBytes: 256 * 1024,
  sessionDays: 30,
};

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
  /** SMTP relay for mailing invitation and reset codes (server/services/code-mail.ts); unset: nothing is mailed. */
  smtpUrl?: string | undefined;
  /** The From of those mails. */
  smtpFrom: string;
  /** The address people use for this server, named in those mails; unset: the address the request came to. */
  publicUrl?: string | undefined;
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
  smtpFrom: 'Sidedesk <sidedesk@localhost>',
};

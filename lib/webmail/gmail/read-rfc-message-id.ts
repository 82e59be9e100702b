// The RFC Message-ID of a Gmail message, read from its raw source (no Gmail view prints it).
// Used for the operator's own sent reply: the id a later bounce quotes, shared by every mailbox.
import type { ThreadMessage } from '../../protocol/thread-view';
import { readRawMessageId } from '../raw-headers';
import type { PageUrl } from '../thread-view';
import type { GmailRawSourceCache, RawSourceOptions } from './raw-source';

export async function readGmailRfcMessageId(
  cache: GmailRawSourceCache,
  location: PageUrl,
  message: Pick<ThreadMessage, 'id'>,
  options?: RawSourceOptions,
): Promise<string | null> {
  const result = await cache.get(location, message, options);
  return result.ok ? readRawMessageId(result.raw) : null;
}

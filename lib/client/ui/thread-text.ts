// The open thread's message text, read from the page on demand (WebmailAdapter.threadText): the
// call-back form offers the phone numbers in it. Views outside a webmail page have none.
import { createContext } from 'preact';

export const ThreadTextContext = createContext<() => string>(() => '');

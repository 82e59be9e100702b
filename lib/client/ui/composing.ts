// Whether a reply is being written in the open thread (the content script reads it from the page,
// lib/webmail/<provider>/read-composing.ts): the viewers heartbeat carries it, so colleagues with
// the same ticket open see "Boris is replying". Views outside a webmail page never compose.
import { createContext } from 'preact';

export const ComposingContext = createContext(false);

// Selector lookups that try a named selector's candidates in order and say which one matched, so
// a provider's DOM change shows up as "threadSubject fell back to candidate 1" in tests and as a
// selector *name* in logs, never as mail content.

export interface SelectorCandidate {
  readonly css: string;
  /** When and in which page variant this candidate was seen, e.g. "2026-11 thread view". */
  readonly seen: string;
}

export interface SelectorDef {
  readonly name: string;
  readonly candidates: readonly SelectorCandidate[];
}

export interface MissingAnchor {
  readonly ok: false;
  readonly missingSelector: string;
}

export interface FirstHit {
  readonly ok: true;
  readonly element: Element;
  /** Index into `candidates` of the candidate that matched. */
  readonly candidate: number;
}

export interface AllHits {
  readonly ok: true;
  readonly elements: readonly Element[];
  readonly candidate: number;
}

export function missingAnchor(def: SelectorDef): MissingAnchor {
  return { ok: false, missingSelector: def.name };
}

export function queryFirst(root: ParentNode, def: SelectorDef): FirstHit | MissingAnchor {
  for (let i = 0; i < def.candidates.length; i++) {
    const element = root.querySelector(def.candidates[i]!.css);
    if (element) return { ok: true, element, candidate: i };
  }
  return missingAnchor(def);
}

/** The matches of the first candidate that matches anything: candidates are alternatives, not a union. */
export function queryAll(root: ParentNode, def: SelectorDef): AllHits | MissingAnchor {
  for (let i = 0; i < def.candidates.length; i++) {
    const found = root.querySelectorAll(def.candidates[i]!.css);
    if (found.length > 0) return { ok: true, elements: Array.from(found), candidate: i };
  }
  return missingAnchor(def);
}

/** The element the selector names, or null: for anchors whose absence is a normal state. */
export function queryOptional(root: ParentNode, def: SelectorDef): Element | null {
  const hit = queryFirst(root, def);
  return hit.ok ? hit.element : null;
}

/** Whether the element itself is what one of the selector's candidates names. */
export function matchesAny(element: Element, def: SelectorDef): boolean {
  return def.candidates.some((candidate) => element.matches(candidate.css));
}

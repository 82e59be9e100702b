import { describe, expect, it } from 'vitest';
import { normalizeOutlookId } from './ids';

const EWS = 'AAQkADAwATM3ZmYAZS1kNjQ0LTBhZjItMDACLTAwCgAQAJ+4rT/2kLmNq8Vx3ZcW1eA=';

describe('normalizeOutlookId', () => {
  it.each([
    ['the EWS id itself', EWS],
    ['percent-encoded', encodeURIComponent(EWS)],
    ['percent-encoded in lower case', 'AAQkADAwATM3ZmYAZS1kNjQ0LTBhZjItMDACLTAwCgAQAJ%2b4rT%2f2kLmNq8Vx3ZcW1eA%3d'],
    ['encoded twice', encodeURIComponent(encodeURIComponent(EWS))],
    ['in the REST alphabet', 'AAQkADAwATM3ZmYAZS1kNjQ0LTBhZjItMDACLTAwCgAQAJ_4rT-2kLmNq8Vx3ZcW1eA='],
    ['in the REST alphabet without padding', 'AAQkADAwATM3ZmYAZS1kNjQ0LTBhZjItMDACLTAwCgAQAJ_4rT-2kLmNq8Vx3ZcW1eA'],
    ['with spaces around it', ` ${EWS} `],
  ])('should bring %s to the EWS form', (_, id) => {
    expect(normalizeOutlookId(id)).toBe(EWS);
  });

  it('should restore two padding characters a REST id dropped', () => {
    expect(normalizeOutlookId('AAMkAGI2TG93AA')).toBe('AAMkAGI2TG93AA==');
  });

  it('should keep padding as written, even where base64 would not need it', () => {
    expect(normalizeOutlookId('AAQkADAwATM3ZmYAZS1kNjQ0LTBhZjItMDACLTAwCgAQAVb8mN1cX4zLkJ7hGf3dSa6Q=')).toBe(
      'AAQkADAwATM3ZmYAZS1kNjQ0LTBhZjItMDACLTAwCgAQAVb8mN1cX4zLkJ7hGf3dSa6Q=',
    );
  });

  it('should leave what is not base64 alone, beyond decoding it', () => {
    expect(normalizeOutlookId('not an id%21')).toBe('not an id!');
    expect(normalizeOutlookId('%E0%A4%A')).toBe('%E0%A4%A');
  });
});

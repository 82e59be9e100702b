import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-rule';

const vera = { name: 'Vera Petrova', email: 'v.petrova@example.com' };

describe('passwordProblem', () => {
  it.each([
    ['short', 'seven77', 'short'],
    ['holding the first name in another case', 'hello VERA 2026', 'personal'],
    ['holding the whole name without spaces', 'xxverapetrovaxx', 'personal'],
    ['holding the email local part', 'my v.petrova pw', 'personal'],
    ['unrelated', 'a quiet harbour', null],
  ])('should judge a password %s', (_label, password, expected) => {
    expect(passwordProblem(password, vera)).toBe(expected);
  });

  it('should ignore name parts shorter than 3 letters', () => {
    expect(passwordProblem('an old lighthouse', { name: 'Li An', email: 'li@example.com' })).toBeNull();
  });

  it('should refuse more than 256 characters', () => {
    expect(passwordProblem('x'.repeat(257), vera)).toBe('long');
  });
});

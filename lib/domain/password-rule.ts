/**
 * Why a new password is refused, or null. Same length as every password (8 to 256), and not one
 * that holds the person's own name or the part of their email before the @: the first things a
 * guesser who knows them tries. Shared by the join form and the server.
 */
export type PasswordProblem = 'short' | 'long' | 'personal';

export function passwordProblem(password: string, person: { name: string; email: string }): PasswordProblem | null {
  if (password.length < 8) return 'short';
  if (password.length > 256) return 'long';
  const lower = password.toLowerCase();
  const local = person.email.split('@')[0]?.toLowerCase() ?? '';
  const words = person.name.toLowerCase().split(/\s+/);
  const personal = [person.name.toLowerCase().replace(/\s+/g, ''), ...words, local].filter((part) => part.length >= 3);
  return personal.some((part) => lower.includes(part)) ? 'personal' : null;
}

import { limits } from '@nenner/shared';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { AppError } from '../http/errors.js';

/*
 * The password policy of NIST SP 800-63B (issue 15): at least `limits.passwordMin` characters, no
 * composition rules, and no password that is common, breached or built from the user's own name or email.
 * The lists are those zxcvbn-ts ships (its common and German dictionaries, with the breached-password
 * ranking), so nothing is looked up online; its estimate must reach "safely unguessable" (score 3 of 4).
 */

// loaded and built on the first password checked: the dictionaries' modules and their ranking were a
// noticeable part of every start, and most starts check no password
let estimator: Promise<ZxcvbnFactory> | undefined;
const estimatorOf = () => {
  estimator ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-de'),
  ]).then(
    ([core, common, de]) =>
      new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...de.dictionary },
        graphs: common.adjacencyGraphs,
      }),
  );
  return estimator;
};

/** The lowest zxcvbn score a new password needs (3: about 10^8 guesses). */
export const MIN_PASSWORD_SCORE = 3;

/** A name or email as a password may echo it: whole, in parts, and run together ("erikamustermann"). */
const inputVariants = (input: string): string[] => {
  const local = input.split('@')[0] ?? input;
  const parts = local.split(/[.\s_-]+/).filter((p) => p.length >= 3);
  return [input.toLowerCase(), local.toLowerCase(), parts.join('').toLowerCase(), ...parts.map((p) => p.toLowerCase())];
};

/** Whether a new password passes; `userInputs` are the user's name, email and the like, which it must not echo. */
export const isStrongPassword = async (password: string, userInputs: string[] = []): Promise<boolean> =>
  password.length >= limits.passwordMin &&
  // the estimate grows with length; its cost too, so long passphrases are judged by their first 100 characters
  (await estimatorOf()).check(password.slice(0, 100), userInputs.flatMap(inputVariants)).score >= MIN_PASSWORD_SCORE;

/** Throws `weak_password` (400, naming the field) unless the new password passes the policy. */
export const assertStrongPassword = async (
  password: string,
  userInputs: string[] = [],
  path = 'password',
): Promise<void> => {
  if (!(await isStrongPassword(password, userInputs))) {
    throw new AppError('weak_password', undefined, {
      errors: [
        {
          path,
          message: `At least ${limits.passwordMin} characters and not common, breached or close to the name or email; a passphrase of several words works best`,
        },
      ],
    });
  }
};

import { limits } from '@nenner/shared';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as de from '@zxcvbn-ts/language-de';
import { AppError } from '../http/errors.js';

/*
 * The password policy of NIST SP 800-63B (issue 15): at least `limits.passwordMin` characters, no
 * composition rules, and no password that is common, breached or built from the user's own name or email.
 * The lists are those zxcvbn-ts ships (its common and German dictionaries, with the breached-password
 * ranking), so nothing is looked up online; its estimate must reach "safely unguessable" (score 3 of 4).
 */

// built on the first password checked: ranking the dictionaries took a noticeable part of every start
let estimator: ZxcvbnFactory | undefined;
const estimatorOf = () => {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...de.dictionary },
    graphs: common.adjacencyGraphs,
  });
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
export const isStrongPassword = (password: string, userInputs: string[] = []): boolean =>
  password.length >= limits.passwordMin &&
  // the estimate grows with length; its cost too, so long passphrases are judged by their first 100 characters
  estimatorOf().check(password.slice(0, 100), userInputs.flatMap(inputVariants)).score >= MIN_PASSWORD_SCORE;

/** Throws `weak_password` (400, naming the field) unless the new password passes the policy. */
export const assertStrongPassword = (password: string, userInputs: string[] = [], path = 'password'): void => {
  if (!isStrongPassword(password, userInputs)) {
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

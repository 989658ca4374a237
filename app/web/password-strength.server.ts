import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import * as spanish from "@zxcvbn-ts/language-es-es";

/**
 * zxcvbn's score a new password needs: 3 of 4, "safely unguessable" (about 10^10 guesses, far
 * out of reach of guessing online, and slow offline against argon2 hashes). Length alone let
 * "1234567890" and ten spaces through.
 */
export const MIN_PASSWORD_SCORE = 3;
/** Only the start of a password is estimated: the estimate's cost grows with the length, and a longer one is long enough. */
const ESTIMATED_LENGTH = 64;

let estimator: ZxcvbnFactory | undefined;

/** Built on first use (half a second: the dictionaries), then kept for the process. */
function passwordEstimator() {
  // Common passwords and keyboard patterns, English and Spanish words and names. Levenshtein
  // matching is left off: it made an estimate cost a second of CPU.
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary, ...spanish.dictionary },
    graphs: common.adjacencyGraphs,
  });
  return estimator;
}

/**
 * The field error for a new password that is too easy to guess — common, a pattern, a few
 * dictionary words, or made of what the form itself holds (`personal`: the email, the name) —
 * or null when it is strong enough.
 */
export function weakPasswordError(password: string, personal: string[] = []): string | null {
  const { score } = passwordEstimator().check(password.slice(0, ESTIMATED_LENGTH), personal.filter(Boolean));
  return score >= MIN_PASSWORD_SCORE ? null : "errors.field.weakPassword";
}

/** Password rule: at least 8 characters and at least 3 of the 4 classes lower, upper, digit, symbol. */
export const PASSWORD_MIN_LENGTH = 8;

export function passwordClasses(password: string): number {
  let n = 0;
  if (/[a-z]/.test(password)) n++;
  if (/[A-Z]/.test(password)) n++;
  if (/\d/.test(password)) n++;
  if (/[^a-zA-Z\d]/.test(password)) n++;
  return n;
}

export function isStrongPassword(password: string): boolean {
  return password.length >= PASSWORD_MIN_LENGTH && passwordClasses(password) >= 3;
}

/** Password hashing with argon2id (OWASP-recommended parameters are the library defaults). */
import { hash, verify } from '@node-rs/argon2';

export const hashPassword = (password: string): Promise<string> => hash(password);

/** Constant-time verification; a malformed hash counts as a mismatch. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A fixed hash to verify against for unknown usernames, so timing does not reveal which exist. */
export const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$z9hkRwFcMSE3DPUHjtG3og$3RstMdWD2bC3tBz9cIbC24QXYgZbH8k/LOrLfaT+Cuw';

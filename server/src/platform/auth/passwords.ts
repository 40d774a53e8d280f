import { Algorithm, hash, verify } from '@node-rs/argon2';

const OPTIONS = { algorithm: Algorithm.Argon2id } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);

// Verifying against a real hash for unknown phones keeps the response time from revealing who is registered.
let decoy: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    decoy ??= hashPassword('decoy password for timing');
    await verify(await decoy, password);
    return false;
  }
  return verify(passwordHash, password);
}

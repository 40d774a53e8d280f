import { hash, verify, type Algorithm } from '@node-rs/argon2';

// Algorithm is a const enum, which isolated modules cannot read at run time; 2 is Argon2id.
const OPTIONS = { algorithm: 2 as Algorithm.Argon2id };

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

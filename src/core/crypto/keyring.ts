import { deriveKey, hmacBase64Url, openBytes, sealBytes } from './cipher.js';

/** One data-encryption key; `wrapped` is the key sealed under the master key, as stored. */
export interface DataKey {
  version: number;
  key: Buffer;
}

/**
 * Encrypts personal data (identifier values, names, free text) with versioned
 * AES-256-GCM data keys and computes blind indexes for equality look-ups.
 *
 * Ciphertext format: `v<version>.<base64url(iv|ciphertext|tag)>`, so any row
 * names the key that sealed it and rotation can re-encrypt in batches.
 *
 * The blind-index key is derived from the master key, apart from the data
 * keys: rotating data keys never changes an index, so look-ups keep working
 * while a rotation runs.
 */
export class KeyRing {
  private readonly keys = new Map<number, Buffer>();
  private active: DataKey;
  private readonly indexKey: Buffer;
  private readonly wrapKey: Buffer;

  constructor(masterKey: Buffer, dataKeys: DataKey[], activeVersion: number) {
    if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes');
    for (const k of dataKeys) this.keys.set(k.version, k.key);
    const active = this.keys.get(activeVersion);
    if (!active) throw new Error(`active data key v${activeVersion} is not in the key ring`);
    this.active = { version: activeVersion, key: active };
    this.indexKey = deriveKey(masterKey, 'blind-index-v1');
    this.wrapKey = deriveKey(masterKey, 'key-wrap-v1');
  }

  get activeVersion(): number {
    return this.active.version;
  }

  /** `active/count`: changes whenever a key is added or another made active (a copy elsewhere must reload). */
  get state(): string {
    return `${this.active.version}/${this.keys.size}`;
  }

  get versions(): number[] {
    return [...this.keys.keys()].sort((a, b) => a - b);
  }

  has(version: number): boolean {
    return this.keys.has(version);
  }

  /** Adds a key (loaded from storage or newly made) and optionally makes it active. */
  add(key: DataKey, makeActive: boolean): void {
    this.keys.set(key.version, key.key);
    if (makeActive) this.active = key;
  }

  encrypt(plain: string): string {
    return sealToken(this.active.version, this.active.key, plain);
  }

  encryptNullable(plain: string | null | undefined): string | null {
    return plain === null || plain === undefined ? null : this.encrypt(plain);
  }

  decrypt(token: string): string {
    const version = versionOf(token);
    const key = this.keys.get(version);
    if (!key) throw new UnknownKeyVersionError(version);
    const body = Buffer.from(token.slice(token.indexOf('.') + 1), 'base64url');
    return openBytes(key, body).toString('utf8');
  }

  decryptNullable(token: string | null | undefined): string | null {
    return token === null || token === undefined ? null : this.decrypt(token);
  }

  /**
   * Keyed, deterministic index of a normalised value for equality look-ups.
   * `kind` separates name spaces (`phone`, `email`, …) so equal strings of
   * different types never collide.
   */
  blindIndex(kind: string, normalisedValue: string): string {
    return blindIndexOf(this.indexKey, kind, normalisedValue);
  }

  /** The keys a worker thread needs to seal and index like this ring (see `Sealer`). */
  sealingKeys(): SealingKeys {
    return { version: this.active.version, key: this.active.key, indexKey: this.indexKey };
  }

  wrap(key: Buffer): string {
    return sealBytes(this.wrapKey, key).toString('base64url');
  }

  unwrap(wrapped: string): Buffer {
    return openBytes(this.wrapKey, Buffer.from(wrapped, 'base64url'));
  }

  /** True if this token was sealed with an older key than the active one. */
  isStale(token: string): boolean {
    return versionOf(token) !== this.active.version;
  }
}

/**
 * The active data key and the blind-index key, and nothing else: what a worker
 * thread of this process gets to seal values for the main thread to store.
 */
export interface SealingKeys {
  version: number;
  key: Uint8Array;
  indexKey: Uint8Array;
}

/** Seals and indexes exactly as the `KeyRing` whose `sealingKeys()` it was given. */
export class Sealer {
  constructor(private readonly keys: SealingKeys) {}

  encrypt(plain: string): string {
    return sealToken(this.keys.version, this.keys.key, plain);
  }

  blindIndex(kind: string, normalisedValue: string): string {
    return blindIndexOf(this.keys.indexKey, kind, normalisedValue);
  }
}

function sealToken(version: number, key: Uint8Array, plain: string): string {
  return `v${version}.${sealBytes(key, plain).toString('base64url')}`;
}

function blindIndexOf(indexKey: Uint8Array, kind: string, normalisedValue: string): string {
  return hmacBase64Url(indexKey, `${kind}\u0000${normalisedValue}`);
}

export class UnknownKeyVersionError extends Error {
  constructor(readonly version: number) {
    super(`data key v${version} is not loaded`);
  }
}

export function versionOf(token: string): number {
  const dot = token.indexOf('.');
  if (token[0] !== 'v' || dot < 2) throw new Error('not a Warden ciphertext');
  return Number(token.slice(1, dot));
}

/** Helpers that only need wrapping, before a ring exists (first start). */
export function wrapWithMaster(masterKey: Buffer, key: Buffer): string {
  return sealBytes(deriveKey(masterKey, 'key-wrap-v1'), key).toString('base64url');
}

export function unwrapWithMaster(masterKey: Buffer, wrapped: string): Buffer {
  return openBytes(deriveKey(masterKey, 'key-wrap-v1'), Buffer.from(wrapped, 'base64url'));
}

// The public entry of platform/crypto: what other workspaces may import.
export { createFieldCipher, loadFieldCipher, type FieldCipher } from './field-encryption.ts';

/** Open-source packages shipped inside the app bundle, with their licence identifiers. */
export const BUNDLED_LICENCES: readonly { name: string; licence: string }[] = [
  { name: 'React, React DOM', licence: 'MIT' },
  { name: 'i18next', licence: 'MIT' },
  { name: 'react-i18next', licence: 'MIT' },
  { name: 'idb', licence: 'ISC' },
  { name: '@noble/ciphers', licence: 'MIT' },
  { name: '@noble/hashes', licence: 'MIT' },
  { name: 'fflate', licence: 'MIT' },
  { name: 'protobufjs', licence: 'BSD-3-Clause' },
];

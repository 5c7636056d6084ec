import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Tinos, metric-compatible with Times New Roman (NĐ30's font), embedded in every PDF so that a document prints the
 * same on any machine and every Vietnamese letter has its glyph.
 */
export const TINOS = {
  regular: require.resolve('@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf'),
  italic: require.resolve('@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf'),
  boldItalic: require.resolve('@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf'),
} as const;

export type FontFace = keyof typeof TINOS;

/** Points per millimetre. */
export const MM = 72 / 25.4;

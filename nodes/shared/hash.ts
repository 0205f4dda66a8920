/**
 * Two 32-bit FNV-1a hashes of a text, in hex: short keys for results and API keys.
 * Not cryptographic: it only tells texts apart (n8n's rules for community nodes leave out node:crypto).
 */
export function contentHash(text: string): string {
	let a = 0x811c9dc5;
	let b = 0x01000193;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		a = Math.imul(a ^ code, 0x01000193);
		b = Math.imul(b ^ code, 0x811c9dc5);
	}
	return `${(a >>> 0).toString(16)}${(b >>> 0).toString(16)}`;
}

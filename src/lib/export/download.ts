/** Hands a text file to the browser's download (no server involved). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
	const url = URL.createObjectURL(new Blob([text], { type }));
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	document.body.append(link);
	link.click();
	link.remove();
	// Revoked on the next tick: some browsers start the download asynchronously.
	setTimeout(() => URL.revokeObjectURL(url), 0);
}

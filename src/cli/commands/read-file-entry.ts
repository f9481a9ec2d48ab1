/**
 * The analysis commands (assay, wb, proteomics) read their input files like the characterization commands:
 * one shared implementation in file-entries.ts.
 */
export { type FileError as FileErrorEntry, fileEntry as readFileEntry, isFileError } from './file-entries.ts';

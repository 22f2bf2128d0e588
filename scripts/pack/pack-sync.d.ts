export interface PackedPackage {
  key: string;
  name: string;
  tarball: string;
  folder: string;
  files: string[];
  size: number;
  unpackedSize: number;
}
export function packOne(key: 'n8n' | 'node-red' | 'sandbox', destination: string): PackedPackage;

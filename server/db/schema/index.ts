export * from './reference';
export * from './dossiers';
export * from './access';

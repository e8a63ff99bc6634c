/** What the ward page's load `depends` on for its dossier lists: invalidated when the live figures move. */
export const WARD_LISTS = 'mcl:ward-dossiers';

// Imported first by bench/run.ts: the hub code it loads in process logs warnings only (its logger reads LOG_LEVEL at import).
process.env.LOG_LEVEL ??= 'warn';

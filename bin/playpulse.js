#!/usr/bin/env node
// Entry point of the `playpulse` command: loads the TypeScript CLI through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../services/cli/main.ts');

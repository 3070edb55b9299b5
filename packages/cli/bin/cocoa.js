#!/usr/bin/env node
// The Node packages ship TypeScript sources without a build step: register tsx's loader, then
// run the command's TypeScript entry in this same process (signals reach it directly).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');

import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { Env } from "../../src/env";

type TestEnv = Env & { TEST_MIGRATIONS: Parameters<typeof applyD1Migrations>[1] };

// Storage is isolated per test file, so every file starts from a migrated, empty catalog.
await applyD1Migrations((env as TestEnv).DB, (env as TestEnv).TEST_MIGRATIONS);

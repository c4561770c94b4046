/** The baseline for bench:collector: a bare Fastify JSON route on the same machine, doing nothing else. */
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 8 * 1024 * 1024 });
app.post('/useractivityvault/v1/useractivity/:activityName', async (_req, reply) => reply.code(202).send({ ok: true }));
app.post('/useractivityvault/v1/useractivity', async (req, reply) => reply.code(202).send({ accepted: (req.body as { activities: unknown[] }).activities.length }));
const address = await app.listen({ port: Number(process.env['PORT'] ?? 0), host: '127.0.0.1' });
process.stdout.write(`${address}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));

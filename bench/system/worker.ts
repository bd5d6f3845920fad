/**
 * The worker of the yardstick workflows (bench/system/workflows.ts), in its own process like the
 * product's worker. Reads TEMPORAL_ADDRESS and BENCH_TASK_QUEUE; prints `ready` once polling.
 */
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
  const worker = await Worker.create({
    connection,
    taskQueue: process.env.BENCH_TASK_QUEUE ?? 'bench',
    workflowsPath: require.resolve('./workflows'),
    activities: { rien: async () => undefined },
  });
  console.log('ready');
  await worker.run();
  await connection.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

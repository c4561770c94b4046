/**
 * The Docker path for the integration tests (PLAYPULSE_TEST_STACK=testcontainers): Kafka 3.9,
 * Apicurio Registry 3 and Redis in containers. Needs a Docker engine; the local stack is the
 * path verified on machines without one.
 */
import { GenericContainer, Network, Wait, type StartedTestContainer } from 'testcontainers';

export async function startContainerStack(): Promise<{ kafkaBrokers: string; schemaRegistryUrl: string; redisUrl: string; stop: () => Promise<void> }> {
  const network = await new Network().start();
  const started: StartedTestContainer[] = [];
  const kafka = await new GenericContainer('apache/kafka:3.9.1')
    .withNetwork(network)
    .withNetworkAliases('kafka')
    .withExposedPorts({ container: 9092, host: 9092 })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093,INTERNAL://:29092',
      KAFKA_ADVERTISED_LISTENERS: 'PLAINTEXT://127.0.0.1:9092,INTERNAL://kafka:29092',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'INTERNAL',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  started.push(kafka);
  const registry = await new GenericContainer('apicurio/apicurio-registry:3.0.9').withNetwork(network).withExposedPorts(8080).withWaitStrategy(Wait.forHttp('/apis/ccompat/v7/subjects', 8080)).start();
  started.push(registry);
  const redis = await new GenericContainer('redis:7').withExposedPorts(6379).start();
  started.push(redis);
  return {
    kafkaBrokers: '127.0.0.1:9092',
    schemaRegistryUrl: `http://${registry.getHost()}:${registry.getMappedPort(8080)}/apis/ccompat/v7`,
    redisUrl: `redis://${redis.getHost()}:${redis.getMappedPort(6379)}`,
    stop: async () => {
      for (const c of started.reverse()) await c.stop();
      await network.stop();
    },
  };
}

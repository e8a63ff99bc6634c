import { MemoryAggregateStore } from './memory.store';
import { describeAggregateStoreContract } from './store.contract';

// 1,000 generated streams here, 200 more against real Redis.
describeAggregateStoreContract('memory', async () => new MemoryAggregateStore(), 1_000);

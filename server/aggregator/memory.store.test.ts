import { MemoryAggregateStore } from './memory.store';
import { describeAggregateStoreContract } from './store.contract';

describeAggregateStoreContract('memory', async () => new MemoryAggregateStore(), 300);

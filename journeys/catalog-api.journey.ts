import { journey, step } from '../src/index.js';

// `step` cannot see the journey's params, so each step names their type.
type Params = { query: string; productId: string };

interface ProductJson {
  id: string;
  name: string;
  price: number;
  description: string;
}

/** API-only: no browser page is opened, so it is cheap to run often. */
export default journey<Params>({
  name: 'catalog-api',
  cuj: { id: 'catalog-api', description: 'Apps and partners can read the product catalog through the API' },
  tags: ['shop', 'api'],
  schedule: { every: '1m' },
  slo: 'catalog-api-availability',
  params: { query: 'lamp', productId: 'brass-desk-lamp' },
  steps: [
    step<Params>('list products', async ({ request, expect }) => {
      const response = await request.get('/api/products');
      expect(response.status()).toBe(200);
      const body = (await response.json()) as { products: ProductJson[]; total: number };
      expect(body.products.length).toBeGreaterThan(0);
      expect(body.total).toBe(body.products.length);
      for (const product of body.products) {
        expect(product).toEqual(expect.objectContaining({ id: expect.any(String), name: expect.any(String), price: expect.any(Number) }));
      }
    }),
    step<Params>('search', async ({ request, params, expect }) => {
      const response = await request.get('/api/search', { params: { q: params.query } });
      expect(response.status()).toBe(200);
      const body = (await response.json()) as { query: string; results: ProductJson[] };
      expect(body.query).toBe(params.query);
      expect(body.results.length).toBeGreaterThan(0);
      expect(body.results.map((p) => p.id)).toContain(params.productId);
    }),
    step<Params>('get one product', async ({ request, params, expect }) => {
      const response = await request.get(`/api/products/${encodeURIComponent(params.productId)}`);
      expect(response.status()).toBe(200);
      const product = (await response.json()) as ProductJson;
      expect(product.id).toBe(params.productId);
      expect(product.price).toBeGreaterThan(0);
      expect(typeof product.description).toBe('string');
    }),
  ],
});

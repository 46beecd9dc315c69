/** The shop's fixed, in-memory product catalog. */

export interface Product {
  id: string;
  name: string;
  /** Price in US dollars. */
  price: number;
  description: string;
  featured: boolean;
}

function product(id: string, name: string, cents: number, description: string, featured = false): Product {
  return Object.freeze({ id, name, price: cents / 100, description, featured });
}

export const CATALOG: readonly Product[] = Object.freeze([
  product('brass-desk-lamp', 'Brass Desk Lamp', 4900, 'A warm brass lamp with an adjustable arm, for late nights at the desk.', true),
  product('linen-floor-lamp', 'Linen Floor Lamp', 8900, 'A tall floor lamp with a soft linen shade that fills a room with even light.'),
  product('ceramic-mug', 'Ceramic Mug', 1400, 'A hand-glazed stoneware mug that holds 350 ml of coffee or tea.', true),
  product('pour-over-kettle', 'Pour-Over Kettle', 5600, 'A gooseneck kettle for a slow, precise pour.'),
  product('wool-throw', 'Wool Throw Blanket', 7200, 'A heavy merino wool throw in charcoal grey.', true),
  product('oak-bookshelf', 'Oak Bookshelf', 21000, 'A five-shelf bookcase in solid oak, delivered flat-packed.'),
  product('canvas-backpack', 'Canvas Backpack', 6500, 'A waxed canvas backpack with a padded laptop sleeve.', true),
  product('notebook-set', 'Dot Grid Notebook Set', 1800, 'Three A5 notebooks with dot grid pages and lay-flat binding.'),
  product('fountain-pen', 'Fountain Pen', 3200, 'A steel-nib fountain pen that takes standard ink cartridges.'),
  product('desk-plant', 'Desk Plant', 2200, 'A small, forgiving pothos in a terracotta pot.', true),
  product('noise-headphones', 'Noise-Cancelling Headphones', 19900, 'Over-ear wireless headphones with 30 hours of battery.'),
  product('bamboo-cutting-board', 'Bamboo Cutting Board', 2700, 'A sturdy bamboo board with a juice groove.'),
]);

export function findProduct(id: string): Product | undefined {
  return CATALOG.find((p) => p.id === id);
}

export function featuredProducts(): Product[] {
  return CATALOG.filter((p) => p.featured);
}

/**
 * Case-insensitive search over name and description. Every word of the query must
 * appear; matches in the name rank first.
 */
export function searchProducts(query: string): Product[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [];
  const hits = CATALOG.filter((p) => {
    const text = `${p.name} ${p.description}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  const nameScore = (p: Product) => words.filter((w) => p.name.toLowerCase().includes(w)).length;
  return hits.sort((a, b) => nameScore(b) - nameScore(a));
}

/** Products to suggest next to one: the others, in a stable rotation. */
export function recommendationsFor(id: string, count = 3): Product[] {
  const index = CATALOG.findIndex((p) => p.id === id);
  const others: Product[] = [];
  for (let i = 1; others.length < count && i < CATALOG.length; i++) {
    const next = CATALOG[(Math.max(index, 0) + i) % CATALOG.length];
    if (next !== undefined && next.id !== id) others.push(next);
  }
  return others;
}

/** `$49.00`. Prices are whole cents, so rounding here is exact. */
export function formatPrice(dollars: number): string {
  return `$${dollars.toFixed(2)}`;
}

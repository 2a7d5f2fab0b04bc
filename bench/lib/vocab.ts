/**
 * Word lists for the benchmark text, most common first: each is drawn Zipf-ranked, so
 * the notes hold common, mid-frequency, rare and (with the generated code names) very
 * rare terms, the way real notes do.
 */
import { Rng } from './prng.js';

/** City → IANA time zone; the order is the Zipf rank when a note names a city. */
export const CITY_ZONES: Readonly<Record<string, string>> = {
  Berlin: 'Europe/Berlin', London: 'Europe/London', 'San Francisco': 'America/Los_Angeles', 'New York': 'America/New_York',
  Amsterdam: 'Europe/Amsterdam', Lisboa: 'Europe/Lisbon', Paris: 'Europe/Paris', München: 'Europe/Berlin', Seattle: 'America/Los_Angeles',
  Bengaluru: 'Asia/Kolkata', Toronto: 'America/Toronto', Barcelona: 'Europe/Madrid', Zürich: 'Europe/Zurich', Stockholm: 'Europe/Stockholm',
  København: 'Europe/Copenhagen', Warszawa: 'Europe/Warsaw', Kraków: 'Europe/Warsaw', Wien: 'Europe/Vienna', Dublin: 'Europe/Dublin',
  Austin: 'America/Chicago', Boston: 'America/New_York', Hamburg: 'Europe/Berlin', 'São Paulo': 'America/Sao_Paulo', Singapore: 'Asia/Singapore',
  東京: 'Asia/Tokyo', Madrid: 'Europe/Madrid', Praha: 'Europe/Prague', Helsinki: 'Europe/Helsinki', Oslo: 'Europe/Oslo', Milano: 'Europe/Rome',
  Köln: 'Europe/Berlin', Frankfurt: 'Europe/Berlin', Stuttgart: 'Europe/Berlin', Leipzig: 'Europe/Berlin', Düsseldorf: 'Europe/Berlin',
  Chicago: 'America/Chicago', Denver: 'America/Denver', Sydney: 'Australia/Sydney', Portland: 'America/Los_Angeles', Manchester: 'Europe/London',
  Cork: 'Europe/Dublin', Galway: 'Europe/Dublin', Lyon: 'Europe/Paris', Toulouse: 'Europe/Paris', Nantes: 'Europe/Paris', Bordeaux: 'Europe/Paris',
  Montréal: 'America/Toronto', Genève: 'Europe/Zurich', Valencia: 'Europe/Madrid', Sevilla: 'Europe/Madrid', 'Buenos Aires': 'America/Argentina/Buenos_Aires',
  'Ciudad de México': 'America/Mexico_City', Bogotá: 'America/Bogota', Santiago: 'America/Santiago', Porto: 'Europe/Lisbon',
  'Rio de Janeiro': 'America/Sao_Paulo', 'Belo Horizonte': 'America/Sao_Paulo', Florianópolis: 'America/Sao_Paulo', Roma: 'Europe/Rome',
  Torino: 'Europe/Rome', Bologna: 'Europe/Rome', Firenze: 'Europe/Rome', Rotterdam: 'Europe/Amsterdam', Utrecht: 'Europe/Amsterdam',
  Eindhoven: 'Europe/Amsterdam', 'Den Haag': 'Europe/Amsterdam', Gent: 'Europe/Brussels', Wrocław: 'Europe/Warsaw', Gdańsk: 'Europe/Warsaw',
  Poznań: 'Europe/Warsaw', Łódź: 'Europe/Warsaw', Aarhus: 'Europe/Copenhagen', Bergen: 'Europe/Oslo', Odense: 'Europe/Copenhagen',
  Göteborg: 'Europe/Stockholm', Malmö: 'Europe/Stockholm', Tampere: 'Europe/Helsinki', Uppsala: 'Europe/Stockholm', Brno: 'Europe/Prague',
  Bratislava: 'Europe/Bratislava', Ostrava: 'Europe/Prague', Αθήνα: 'Europe/Athens', Θεσσαλονίκη: 'Europe/Athens', İstanbul: 'Europe/Istanbul',
  Ankara: 'Europe/Istanbul', İzmir: 'Europe/Istanbul', Київ: 'Europe/Kyiv', Львів: 'Europe/Kyiv', Tbilisi: 'Asia/Tbilisi', Алматы: 'Asia/Almaty',
  'Hà Nội': 'Asia/Bangkok', 'Thành phố Hồ Chí Minh': 'Asia/Ho_Chi_Minh', 'Đà Nẵng': 'Asia/Ho_Chi_Minh', 北京: 'Asia/Shanghai', 上海: 'Asia/Shanghai',
  深圳: 'Asia/Shanghai', 杭州: 'Asia/Shanghai', 台北: 'Asia/Taipei', 大阪: 'Asia/Tokyo', 福岡: 'Asia/Tokyo', Kyoto: 'Asia/Tokyo', 서울: 'Asia/Seoul',
  부산: 'Asia/Seoul', Seoul: 'Asia/Seoul', Hyderabad: 'Asia/Kolkata', Pune: 'Asia/Kolkata', Mumbai: 'Asia/Kolkata', Chennai: 'Asia/Kolkata',
  Delhi: 'Asia/Kolkata', Dubai: 'Asia/Dubai', Cairo: 'Africa/Cairo', Amman: 'Asia/Amman', Beirut: 'Asia/Beirut', Riyadh: 'Asia/Riyadh',
  Lagos: 'Africa/Lagos', Abuja: 'Africa/Lagos', Nairobi: 'Africa/Nairobi', Accra: 'Africa/Accra', Reykjavík: 'Atlantic/Reykjavik',
  Tallinn: 'Europe/Tallinn', Vilnius: 'Europe/Vilnius', Ljubljana: 'Europe/Ljubljana', Zagreb: 'Europe/Zagreb', Budapest: 'Europe/Budapest',
  Bucureşti: 'Europe/Bucharest', Cluj: 'Europe/Bucharest', Tromsø: 'Europe/Oslo', Jyväskylä: 'Europe/Helsinki', Antwerpen: 'Europe/Brussels',
  Montevideo: 'America/Montevideo', Wellington: 'Pacific/Auckland', Auckland: 'Pacific/Auckland', 'Cape Town': 'Africa/Johannesburg',
};
export const CITIES: readonly string[] = Object.keys(CITY_ZONES);

export const TECHNOLOGIES: readonly string[] = [
  'TypeScript', 'Python', 'Kubernetes', 'React', 'Rust', 'Go', 'PostgreSQL', 'AWS', 'Docker', 'Java', 'Terraform', 'Kafka',
  'GraphQL', 'Node', 'Redis', 'Swift', 'Kotlin', 'SQLite', 'WebAssembly', 'Elixir', 'Svelte', 'Vue', 'Django', 'Rails',
  'Spark', 'Snowflake', 'dbt', 'Airflow', 'Flink', 'ClickHouse', 'Elasticsearch', 'OpenTelemetry', 'Prometheus', 'Grafana',
  'Linux', 'eBPF', 'Nix', 'Bazel', 'gRPC', 'Protobuf', 'Deno', 'Bun', 'Vite', 'Webpack', 'Astro', 'Remix', 'Nextjs', 'Tailwind',
  'Flutter', 'Haskell', 'OCaml', 'Scala', 'Clojure', 'Erlang', 'Zig', 'Julia', 'Fortran', 'COBOL', 'Lua', 'Perl', 'PHP',
  'Laravel', 'Symfony', 'Spring', 'Quarkus', 'Micronaut', 'Ktor', 'Actix', 'Tokio', 'Axum', 'Phoenix', 'LiveView', 'HTMX',
  'Alpine', 'SolidJS', 'Qwik', 'Lit', 'Electron', 'Tauri', 'Unity', 'Godot', 'Unreal', 'CUDA', 'PyTorch', 'TensorFlow', 'JAX',
  'Pandas', 'Polars', 'DuckDB', 'Arrow', 'Parquet', 'Iceberg', 'Delta', 'Trino', 'Presto', 'BigQuery', 'Redshift', 'Cassandra',
  'ScyllaDB', 'CockroachDB', 'TiDB', 'Vitess', 'MySQL', 'MariaDB', 'MongoDB', 'CouchDB', 'Neo4j', 'FoundationDB', 'etcd',
  'Consul', 'Vault', 'Nomad', 'Istio', 'Linkerd', 'Envoy', 'Cilium', 'Argo', 'Flux', 'Helm', 'Pulumi', 'Ansible', 'Chef',
  'Puppet', 'Jenkins', 'Buildkite', 'Tekton', 'Backstage', 'Sentry', 'Honeycomb', 'Jaeger', 'Tempo', 'Loki', 'Mimir',
  'Thanos', 'Cortex', 'NATS', 'RabbitMQ', 'Pulsar', 'Redpanda', 'Temporal', 'Dagster', 'Prefect', 'Kubeflow', 'MLflow',
  'Ray', 'Triton', 'ONNX', 'LangChain', 'llama.cpp', 'Ollama', 'vLLM', 'Wasmtime', 'WASI', 'Fastly', 'Cloudflare', 'Vercel',
  'Netlify', 'Supabase', 'Firebase', 'Appwrite', 'PocketBase', 'Hasura', 'Prisma', 'Drizzle', 'Kysely', 'Knex', 'Sequelize',
  'TypeORM', 'Hibernate', 'jOOQ', 'Ecto', 'Diesel', 'SQLx', 'Litestream', 'LiteFS', 'Turso', 'Neon', 'PlanetScale', 'Xata',
  'Gleam', 'Roc', 'Odin', 'Crystal', 'Nim', 'Racket', 'Idris', 'Agda', 'Coq', 'Lean', 'TLA+', 'Alloy', 'Prolog', 'Datalog',
  'Smalltalk', 'Pharo', 'Ada', 'SPARK', 'VHDL', 'Verilog', 'Chisel', 'RISC-V', 'Zephyr', 'FreeRTOS', 'Embassy', 'MicroPython',
];

export const TOPICS: readonly string[] = [
  'hiring', 'platform engineering', 'observability', 'developer experience', 'on-call', 'open source', 'career growth',
  'technical writing', 'system design', 'incident response', 'mentoring', 'remote work', 'code review', 'performance',
  'security', 'accessibility', 'testing', 'migrations', 'monorepos', 'API design', 'data modelling', 'event sourcing',
  'distributed tracing', 'cost optimisation', 'team topologies', 'staff engineering', 'engineering management',
  'product thinking', 'fundraising', 'pricing', 'developer relations', 'community building', 'conference talks',
  'burnout', 'parental leave', 'four-day week', 'compensation', 'promotion packets', 'architecture reviews',
  'feature flags', 'chaos engineering', 'supply chain security', 'SBOMs', 'licensing', 'maintainer funding',
  'local-first software', 'CRDTs', 'sync engines', 'offline support', 'search relevance', 'vector search', 'RAG',
  'evals', 'prompt injection', 'fine-tuning', 'GPU scheduling', 'edge computing', 'serverless', 'cold starts',
  'WebGPU', 'design systems', 'internationalisation', 'right-to-left layouts', 'privacy engineering', 'GDPR',
  'threat modelling', 'zero trust', 'passkeys', 'OAuth', 'rate limiting', 'backpressure', 'query planning',
  'compaction', 'B-trees', 'LSM trees', 'consensus', 'Raft', 'formal methods', 'property testing', 'fuzzing',
  'mutation testing', 'build caching', 'reproducible builds', 'compiler internals', 'garbage collection',
  'memory safety', 'unsafe code', 'async runtimes', 'structured concurrency', 'green threads', 'actor model',
  'type inference', 'gradual typing', 'effect systems', 'borrow checking', 'ownership', 'interop', 'FFI',
  'embedded', 'robotics', 'climate tech', 'fintech', 'healthtech', 'edtech', 'govtech', 'bootstrapping', 'indie hacking',
];

export const HOBBIES: readonly string[] = [
  'running', 'climbing', 'cycling', 'photography', 'cooking', 'baking', 'chess', 'hiking', 'board games', 'guitar',
  'piano', 'gardening', 'yoga', 'swimming', 'bouldering', 'woodworking', 'knitting', 'sourdough', 'coffee roasting',
  'birdwatching', 'sailing', 'surfing', 'skiing', 'snowboarding', 'tennis', 'padel', 'football', 'cricket', 'rugby',
  'marathons', 'triathlon', 'pottery', 'calligraphy', 'origami', 'drawing', 'watercolour', 'film photography',
  'vinyl records', 'jazz', 'choir', 'drumming', 'synthesizers', 'modular synths', 'podcasting', 'stand-up comedy',
  'improv', 'theatre', 'salsa', 'tango', 'kayaking', 'canoeing', 'fishing', 'beekeeping', 'foraging', 'mycology',
  'astronomy', 'amateur radio', 'lockpicking', 'retro computing', 'mechanical keyboards', 'fountain pens', 'Go (the game)',
  'Rubik cubes', 'speedcubing', 'juggling', 'unicycling', 'fencing', 'archery', 'judo', 'karate', 'aikido', 'capoeira',
  'parkour', 'bouldering in Fontainebleau', 'bikepacking', 'gravel riding', 'ultrarunning', 'orienteering', 'geocaching',
  'Esperanto', 'learning Japanese', 'learning Welsh', 'genealogy', 'bonsai', 'aquascaping', 'home brewing', 'kombucha',
];

export const EVENTS: readonly string[] = [
  'KubeCon', 'FOSDEM', 'JSConf', 'PyCon', 'RustConf', 'QCon', 'GOTO', 'Strange Loop', 'NDC', 'DevOpsDays',
  'Web Summit', 're:Invent', 'Google I/O', 'WWDC', 'Config', 'SREcon', 'LeadDev', 'CraftConf', 'Devoxx', 'JavaOne',
  'GopherCon', 'ElixirConf', 'EuroRust', 'RustFest', 'PGConf', 'FOSSASIA', 'Monitorama', 'HashiConf', 'DockerCon',
  'React Summit', 'ViteConf', 'CSSconf', 'Chaos Communication Congress', 'DEF CON', 'Black Hat', 'BSides',
  'Hacktoberfest', 'Write the Docs', 'StaffPlus', 'Lambda World', 'Curry On', 'ICFP', 'PLDI', 'SPLASH', 'VLDB',
  'SIGMOD', 'NeurIPS', 'ICML', 'CVPR', 'EuroPython', 'DjangoCon', 'RailsConf', 'RubyKaigi', 'Clojure/conj',
  'Handmade Seattle', 'Local-First Conf', 'Deconstruct', 'Heart of Clojure', 'All Things Open', 'SeaGL', 'LinuxFest',
];

export const BOOKS: readonly string[] = [
  'Designing Data-Intensive Applications', 'The Staff Engineer’s Path', 'An Elegant Puzzle', 'Accelerate', 'Team Topologies',
  'The Phoenix Project', 'Thinking in Systems', 'A Philosophy of Software Design', 'Working Effectively with Legacy Code',
  'The Pragmatic Programmer', 'Crafting Interpreters', 'Structure and Interpretation of Computer Programs',
  'The Manager’s Path', 'Shape Up', 'Deep Work', 'The Mythical Man-Month', 'Peopleware', 'Refactoring', 'Domain-Driven Design',
  'Site Reliability Engineering', 'Database Internals', 'Release It!', 'Tidy First?', 'Making Software', 'Hackers & Painters',
  'The Soul of a New Machine', 'Code', 'Godel, Escher, Bach', 'The Art of Doing Science and Engineering', 'Turn the Ship Around',
  'Radical Candor', 'The Culture Map', 'Range', 'Four Thousand Weeks', 'Atomic Habits', 'Never Split the Difference',
  'Project Hail Mary', 'The Three-Body Problem', 'Piranesi', 'Klara and the Sun', 'Exhalation', 'The Dispossessed',
  'Annihilation', 'Recursion', 'The Ministry for the Future', 'Sea of Tranquility', 'Tomorrow, and Tomorrow, and Tomorrow',
  'Der Schwarm', 'Die Vermessung der Welt', 'Solaris', 'Lód', 'Blindsight', 'Anathem', 'Cryptonomicon', 'Snow Crash',
];

/** Companies; some carry commas (`Acme, Inc.`) on purpose, for CSV quoting. */
export const COMPANIES: readonly string[] = [
  'Acme, Inc.', 'Northwind', 'Globex', 'Initech', 'Umbrella Labs', 'Hooli', 'Stark Industries', 'Wayne Enterprises',
  'Cyberdyne', 'Tyrell Corp', 'Soylent', 'Vandelay Industries', 'Pied Piper', 'Aperture Science', 'Black Mesa', 'Massive Dynamic',
  'Oscorp', 'Gringotts', 'Monsters, Inc.', 'Blue Sun', 'Weyland-Yutani', 'Virtucon', 'Duff', 'Krusty Krab', 'Dunder Mifflin',
  'Sterling Cooper', 'Bluth Company', 'Los Pollos Hermanos', 'Prestige Worldwide', 'Wonka Industries', 'Nakatomi',
  'Rekall', 'Omni Consumer Products', 'Sirius Cybernetics', 'Buy n Large', 'Zorg Industries', 'Ingen', 'Gekko & Co',
  'Kwik-E-Mart', 'Spacely Sprockets', 'Cogswell Cogs', 'Yoyodyne', 'Praxis', 'Encom', 'Planet Express', 'MomCorp',
  'Mäkelä Oy', 'Brückner & Söhne GmbH', 'Żabka Tech', 'Ødegaard AS', 'Ελληνική Λογισμική', 'Tecnologías Núñez, S.L.',
  'Stripe-ish, Inc.', 'Datadog-like', 'Fjord Systems', 'Lumen Labs', 'Quill & Co', 'Borealis AI', 'Cobalt Robotics',
  'Helix Bio', 'Nimbus Cloud', 'Orbital Freight', 'Sable Security', 'Tandem Health', 'Verdant Energy', 'Wren Analytics',
  'Yarrow Finance', 'Zephyr Mobility', 'Atlas Devtools', 'Beacon Payments', 'Cascade Data', 'Drift Compute', 'Ember Games',
  '株式会社テック', '北京云科技', 'self-employed', 'Freelance', 'Stealth startup',
];

/** Job titles; some carry commas and quotes (`VP, Engineering`) on purpose. */
export const TITLES: readonly string[] = [
  'Software Engineer', 'Senior Software Engineer', 'Staff Engineer', 'Engineering Manager', 'Principal Engineer',
  'Product Manager', 'Data Scientist', 'SRE', 'Platform Engineer', 'Frontend Engineer', 'Backend Engineer', 'CTO',
  'VP, Engineering', 'Founder', 'Co-founder & CEO', 'Developer Advocate', 'Technical Writer', 'Designer',
  'Security Engineer', 'ML Engineer', 'Data Engineer', 'Director of Engineering', 'Head of Platform', 'Tech Lead',
  'Solutions Architect', 'Consultant', 'Recruiter', 'Student', 'Researcher', 'Open Source Maintainer',
  'Principal Engineer, Infrastructure', 'Senior Manager, Developer Relations', 'Engineer "Infra" Lead', 'Softwareentwickler',
  'Inżynier oprogramowania', 'ソフトウェアエンジニア', '🚀 Growth Engineer',
];

export const TAGS: readonly string[] = [
  'ex-colleague', 'conference', 'oss', 'mentor', 'mentee', 'founder', 'speaker', 'recruiter', 'investor', 'rust',
  'frontend', 'infra', 'data', 'ml', 'berlin', 'remote', 'meetup', 'podcast', 'writer', 'hiring', 'customer',
  'university', 'book-club', 'climbing', 'neighbour', 'advisor', 'alumni', 'devrel', 'security', 'community',
];

export const BOUNDARY_NOTES: readonly string[] = [
  'no calls before 10', 'prefers async; no surprise calls', 'on parental leave', 'busy with a launch until spring',
  'only weekdays', 'asked for less frequent pings', 'prefers Signal over email', 'keine Anrufe am Freitag',
];

/** Generic words the templates use around the slots (not searched by band; they make the common tail). */
export const ADJECTIVES: readonly string[] = [
  'great', 'useful', 'long', 'quick', 'honest', 'inspiring', 'candid', 'funny', 'thoughtful', 'deep', 'short', 'relaxed',
  'intense', 'productive', 'scattered', 'warm', 'surprising', 'detailed', 'practical', 'nerdy',
];

const SYLLABLES = [
  'ka', 'ro', 'vel', 'tam', 'bri', 'quo', 'lum', 'dex', 'fen', 'mar', 'sol', 'tor', 'vir', 'nyx', 'ora', 'zan', 'pel',
  'gri', 'sha', 'mo', 'ter', 'ix', 'alu', 'bex', 'cor', 'dra', 'eli', 'fy', 'gal', 'hed', 'ist', 'jor', 'kel', 'lir',
  'mun', 'nev', 'osk', 'pra', 'qui', 'ryn', 'sev', 'tul', 'ulm', 'vos', 'wex', 'yar', 'zel', 'ath', 'bor', 'cyl',
];

/** About `n` distinct one-word project code names (`Korvelix`), different for each seed. */
export function projectCodeNames(seed: string, n: number, avoid: ReadonlySet<string>): string[] {
  const rng = Rng.stream(seed, 'code-names');
  const seen = new Set<string>();
  const out: string[] = [];
  while (out.length < n) {
    const parts = rng.int(2, 3);
    let w = '';
    for (let k = 0; k < parts; k++) w += rng.pick(SYLLABLES);
    const name = w.charAt(0).toUpperCase() + w.slice(1);
    const key = name.toLowerCase();
    if (key.length < 5 || seen.has(key) || avoid.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

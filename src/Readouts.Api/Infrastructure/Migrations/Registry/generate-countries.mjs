// Generates countries.json: every ISO 3166-1 country and territory (and Kosovo, XK, which ISO has
// not assigned but every readout about the Balkans names), with its Wikidata id and its names in
// the languages Readouts looks for subjects in.
//
//   cd src/Readouts.Api/Infrastructure/Migrations/Registry && npm ci && npm run generate
//
// Datasets (exact versions in package.json and package-lock.json):
// - cldr-localenames-full: Unicode CLDR's territory names (main/<locale>/territories.json), with
//   their short and variant forms ("US", "Turkey", "Ivory Coast");
// - @rapideditor/country-coder: which codes ISO 3166-1 assigns, and each one's Wikidata id.
// Hand-made corrections (names CLDR lacks, exceptions in running text) live in
// country-overrides.json, never in the output. Run the script again after changing either.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as countryCoder from '@rapideditor/country-coder';

const require = createRequire(import.meta.url);
const here = new URL('.', import.meta.url);

/** The languages of the registry, and the CLDR locales whose names each one takes. */
const LOCALES = {
  en: ['en'], ru: ['ru'], tr: ['tr'], fr: ['fr'], de: ['de'], es: ['es', 'es-419'], pt: ['pt', 'pt-PT'],
  it: ['it'], zh: ['zh', 'zh-Hant'], ja: ['ja'], ko: ['ko'], ar: ['ar'], uk: ['uk'], hi: ['hi'], id: ['id'],
};

const versionOf = name => JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, here), 'utf8')).version;
const cldrVersion = versionOf('cldr-localenames-full');
const coderVersion = versionOf('@rapideditor/country-coder');
const overrides = JSON.parse(readFileSync(new URL('country-overrides.json', here), 'utf8'));

const territories = Object.fromEntries(Object.values(LOCALES).flat().map(locale => [
  locale,
  require(`cldr-localenames-full/main/${locale}/territories.json`).main[locale].localeDisplayNames.territories,
]));

const codes = countryCoder.borders.features
  .map(f => f.properties)
  .filter(p => p.iso1A2 && (p.isoStatus === 'official' || p.iso1A2 === 'XK'))
  .sort((a, b) => a.iso1A2.localeCompare(b.iso1A2));

/**
 * NameKey.Fold in C#: what two names must share to be the same name; collisions are found with it.
 * Marks are dropped only where they are accents on a letter (Latin, Greek, Cyrillic; Arabic and
 * Hebrew vowel points): in Devanagari and the other Brahmic scripts they are the vowels themselves.
 */
function fold(text) {
  const lowered = text.trim().toLowerCase()
    .replaceAll('ı', 'i').replaceAll('ß', 'ss').replaceAll('æ', 'ae').replaceAll('œ', 'oe').replaceAll('ø', 'o').replaceAll('ł', 'l').replaceAll('đ', 'd')
    .normalize('NFD');
  let out = '';
  let accentable = false;
  let pendingSpace = false;
  for (const c of lowered) {
    if (/\p{M}/u.test(c)) {
      if (!accentable) out += c;
    } else if (/[\p{L}\p{N}]/u.test(c)) {
      if (pendingSpace && out.length > 0) out += ' ';
      out += c;
      pendingSpace = false;
      accentable = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Hebrew}]/u.test(c);
    } else {
      pendingSpace = true;
      accentable = false;
    }
  }
  return out.normalize('NFC');
}

function slug(text) {
  return fold(text).normalize('NFKD').replace(/[^a-z0-9 ]/g, '').trim().replace(/ +/g, '-');
}

/**
 * The names one CLDR form gives: the form itself; before a parenthesis, the name alone ("Myanmar
 * (Burma)" also gives "Myanmar"; the parenthesis often holds a qualifier, "САР", not a name); in
 * English, "&" and "St." written out ("Bosnia and Herzegovina", "Saint Kitts and Nevis").
 */
function forms(name, language) {
  const result = [name.trim()];
  if (language === 'en') {
    const spelled = name.trim().replaceAll(' & ', ' and ').replace(/\bSt\. /g, 'Saint ');
    if (spelled !== result[0]) result.push(spelled);
  }
  for (const n of [...result]) {
    const bare = n.replace(/\s*[(（].*[)）]\s*$/u, '').trim();
    if (bare && bare !== n) {
      result.push(bare);
      cut.add(`${language}\n${bare}`);
    }
  }
  return result;
}

/** "language\nname" of the names cut from a longer form, per country while it is being read. */
let cut = new Set();

const countries = codes.map(p => {
  const code = p.iso1A2;
  const extra = overrides.countries[code] ?? {};
  cut = new Set();
  const names = {};
  for (const [language, locales] of Object.entries(LOCALES)) {
    const found = [];
    for (const locale of locales) {
      const t = territories[locale];
      for (const key of [code, `${code}-alt-short`, `${code}-alt-variant`]) {
        if (t[key]) found.push(...forms(t[key], language));
      }
    }
    found.push(...(extra.names?.[language] ?? []));
    const dropped = new Set((extra.drop?.[language] ?? []).map(fold));
    names[language] = [...new Set(found)].filter(n => !dropped.has(fold(n)));
  }
  const name = extra.name ?? forms(territories.en[code], 'en').at(-1);
  if (!names.en.includes(name)) names.en.unshift(name);
  names.en = [name, ...names.en.filter(n => n !== name)];
  const entry = { code, slug: extra.slug ?? slug(name), kind: 'country', wikidata: p.wikidata, names, cut: new Set([...cut].filter(k => !(extra.names?.[k.split('\n')[0]] ?? []).includes(k.split('\n')[1]))) };
  if (extra.labelOnly) entry.labelOnly = extra.labelOnly;
  if (extra.cased) entry.cased = extra.cased;
  if (extra.note) entry.note = extra.note;
  return entry;
});

// A name two countries share ("Congo", before the parenthesis of both Congos) names neither,
// unless it is a form of its own for one of them only (French "Saint-Martin" is Saint Martin's
// name, and only cut from "Saint-Martin (partie néerlandaise)" for Sint Maarten).
const claims = new Map();
for (const c of countries) {
  for (const [language, list] of Object.entries(c.names)) {
    for (const n of list) {
      const key = fold(n);
      const claim = claims.get(key) ?? new Map();
      claim.set(c.code, (claim.get(c.code) ?? true) && c.cut.has(`${language}\n${n}`));
      claims.set(key, claim);
    }
  }
}
const owners = new Map([...claims].map(([key, claim]) => {
  const own = [...claim].filter(([, isDerived]) => !isDerived).map(([code]) => code);
  return [key, new Set(claim.size > 1 && own.length === 1 ? own : claim.keys())];
}));
const shared = [...claims].filter(([key, claim]) => claim.size > 1 && owners.get(key).size > 1).map(([key, claim]) => [key, new Set(claim.keys())]);
const problems = [];
for (const c of countries) {
  for (const language of Object.keys(c.names)) {
    c.names[language] = c.names[language].filter(n => owners.get(fold(n)).size === 1 && owners.get(fold(n)).has(c.code));
    if (c.names[language].length === 0) problems.push(`${c.code} has no ${language} name left once shared names are dropped: add one in country-overrides.json`);
  }
  for (const list of [c.labelOnly, c.cased]) {
    for (const [language, listed] of Object.entries(list ?? {})) {
      for (const n of listed) {
        if (!c.names[language]?.includes(n)) problems.push(`${c.code}: '${n}' is listed as an exception in ${language} but is not one of its ${language} names`);
      }
    }
  }
}

if (problems.length > 0) {
  console.error(shared.map(([k, s]) => `${k}: ${[...s].join(" ")}`).join("\n"));
  console.error(problems.join('\n'));
  process.exit(1);
}

for (const c of countries) delete c.cut;

const output = {
  about: `Generated by generate-countries.mjs from cldr-localenames-full ${cldrVersion} (territory names) and @rapideditor/country-coder ${coderVersion} (ISO 3166-1 codes, Wikidata ids), with country-overrides.json. Do not edit: change the overrides and run the script again.`,
  datasets: { 'cldr-localenames-full': cldrVersion, '@rapideditor/country-coder': coderVersion },
  languages: Object.keys(LOCALES),
  sharedNamesDropped: Object.fromEntries(shared.map(([key, set]) => [key, [...set].sort()])),
  countries,
};
writeFileSync(new URL('countries.json', here), JSON.stringify(output, null, 1) + '\n');
console.log(`countries.json: ${countries.length} countries and territories; ${shared.length} shared names dropped`);

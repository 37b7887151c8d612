// find-entity
// The entities a name means, as every question here finds them: by name, alias, file name or id, ignoring case,
// spaces, `_` and `-` (as a link in a note finds its note). Then the entities whose name, aliases or description
// hold every word of it (`insulin-like growth factor` offers IGF-1), then those whose name or aliases are a few
// letters away from it (`somatomedn`), best first.
//
// Parameters:
//   :param name => 'insulin-like growth factor'
//   :param limit => 10      optional: at most this many rows
//
// Columns:
//   id       the entity's id
//   name     its name
//   type     its type
//   stub     true for a link target that has no note
//   file     its note
//   matched  'name' when the name means it; 'text' when its name, aliases or description hold every word;
//            'close' when its name or an alias is a few letters away
//   score    the full-text index's score (for text and close matches)
//   total    how many entities matched in all
CALL () {
  CALL db.index.fulltext.queryNodes('entity_keys', '"' + reduce(k = '', c IN [c IN split(replace(toLower(normalize($name, NFKC)), 'ς', 'σ'), '')
     WHERE NOT ' \t\n\r_-‐‑‒–—―"\\' CONTAINS c] | k + c) + '"') YIELD node AS e
  RETURN e, 0 AS rank, null AS score
  UNION
  // Every word must match; each is searched for, never parsed as a query: Lucene's special characters are
  // escaped, and the words lower-cased (AND, OR and NOT in capitals are operators).
  WITH [w IN split(toLower($name), ' ') WHERE w <> '' |
        reduce(q = '', c IN split(w, '') | q + (CASE WHEN '+-&|!(){}[]^"~*?:\\/' CONTAINS c THEN '\\' ELSE '' END) + c)] AS words
  CALL db.index.fulltext.queryNodes('entity_search',
       CASE size(words) WHEN 0 THEN '""' ELSE reduce(q = words[0], w IN tail(words) | q + ' AND ' + w) END)
       YIELD node AS e, score
  RETURN e, 1 AS rank, score
  UNION
  WITH [w IN split(toLower($name), ' ') WHERE w <> '' |
        reduce(q = '', c IN split(w, '') | q + (CASE WHEN '+-&|!(){}[]^"~*?:\\/' CONTAINS c THEN '\\' ELSE '' END) + c) + '~'] AS words
  WITH reduce(q = words[0], w IN tail(words) | q + ' AND ' + w) AS fuzzy WHERE fuzzy IS NOT NULL
  CALL db.index.fulltext.queryNodes('entity_search', 'name:(' + fuzzy + ') OR alias_text:(' + fuzzy + ')') YIELD node AS e, score
  RETURN e, 2 AS rank, score
}
WITH e, min(rank) AS rank, max(score) AS score
ORDER BY rank, score DESC, e.name, e.id
WITH collect({e: e, matched: ['name', 'text', 'close'][rank], score: score}) AS found
UNWIND found[0..$limit] AS row
RETURN row.e.id AS id, row.e.name AS name, row.e.type AS type, coalesce(row.e.stub, false) AS stub, row.e.file AS file,
       row.matched AS matched, CASE WHEN row.matched <> 'name' THEN round(row.score, 2) END AS score, size(found) AS total

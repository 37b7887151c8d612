// candidate-interventions
// Drugs, supplements and interventions that act on the pathways, hormones, genes, proteins or biomarkers
// associated with a condition, ranked by the number of independent supporting paths, leaving out those
// the garden already states to treat, improve or prevent it (repurposing, in the spirit of Hetionet's metapaths).
//
// Parameters:
//   :param name => 'Sarcopenia'
//
// Columns:
//   name              the candidate
//   type              drug, supplement or intervention
//   supporting_paths  how many distinct (target, link to the condition) paths support it
//   via               those paths: how it acts on the target, and how the target relates to the condition
MATCH (condition:Entity)
WHERE condition.id = $name OR toLower(condition.name) = toLower($name)
   OR any(alias IN coalesce(condition.aliases, []) WHERE toLower(alias) = toLower($name))
MATCH (condition)-[assoc]-(target:Pathway|Hormone|Gene|Protein|Biomarker)
MATCH (x:Drug|Supplement|Intervention)-[act]->(target)
WHERE (act.sign IS NOT NULL OR type(act) IN ['REGULATES', 'TARGETS', 'BINDS_TO', 'AFFECTS', 'IMPROVES'])
  AND NOT (x)-[:TREATS|IMPROVES|PREVENTS]->(condition)
WITH x, target, type(assoc) AS link, collect(DISTINCT type(act)) AS actions
// One supporting path per (target, link to the condition), however many ways it acts on the target.
WITH x, collect(x.name + ' -' + reduce(s = head(actions), a IN tail(actions) | s + '|' + a) + '-> ' + target.name
                 + ' -' + link + '- ' + $name) AS via
RETURN x.name AS name, x.type AS type, size(via) AS supporting_paths, via
ORDER BY supporting_paths DESC, name
LIMIT 50

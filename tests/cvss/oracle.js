// Writes "VECTOR SCORE" lines: random CVSS v3.0, v3.1 and v4.0 vectors (a fixed seed) scored by
// ae-cvss-calculator (npm), an implementation of the FIRST specifications independent of ours.
// usage: NODE_PATH=DIR/node_modules node tests/cvss/oracle.js COUNT-PER-VERSION > FILE
const { Cvss3P0, Cvss3P1, Cvss4P0 } = require('ae-cvss-calculator');
let seed = 16;
const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return (seed >> 16) % n; };
const pick = (vals) => vals[rnd(vals.length)];
const v3 = [['AV', 'NALP'], ['AC', 'LH'], ['PR', 'NLH'], ['UI', 'NR'], ['S', 'UC'],
            ['C', 'HLN'], ['I', 'HLN'], ['A', 'HLN']];
const v4 = [['AV', 'NALP'], ['AC', 'LH'], ['AT', 'NP'], ['PR', 'NLH'], ['UI', 'NPA'],
            ['VC', 'HLN'], ['VI', 'HLN'], ['VA', 'HLN'], ['SC', 'HLN'], ['SI', 'HLN'],
            ['SA', 'HLN']];
const v4env = [['E', 'XAPU'], ['CR', 'XHML'], ['IR', 'XHML'], ['AR', 'XHML'], ['MSI', 'XSHLN'],
               ['MSA', 'XSHLN'], ['MAV', 'XNALP'], ['MVC', 'XHLN']];
const n = Number(process.argv[2] || 200);
const out = [];
for (const [prefix, cls] of [['CVSS:3.0', Cvss3P0], ['CVSS:3.1', Cvss3P1]])
	for (let i = 0; i < n; i++) {
		const vec = prefix + '/' + v3.map(([m, vals]) => m + ':' + pick(vals)).join('/');
		out.push(vec + ' ' + new cls(vec).calculateScores().base.toFixed(1));
	}
for (let i = 0; i < 2 * n; i++) {
	let vec = 'CVSS:4.0/' + v4.map(([m, vals]) => m + ':' + pick(vals)).join('/');
	if (i % 4 == 3)   // a quarter with threat and environmental metrics
		vec += '/' + v4env.map(([m, vals]) => m + ':' + pick(vals)).join('/');
	out.push(vec + ' ' + new Cvss4P0(vec).calculateScores().overall.toFixed(1));
}
console.log(out.join('\n'));

/** AWS WAF on the distribution: rate limits, AWS managed rules, problem+json answers, and where the ACL lives. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing } from 'cdktf';
import {
  API_RATE_LIMIT,
  AUTH_RATE_LIMIT,
  BLOCK_BODIES,
  BODY_SIZE_LABEL,
  LARGE_BODY_PATH,
  MANAGED_RULE_GROUPS,
  RATE_LIMITED_AUTH_ROUTES,
  WebAclConstruct,
} from '../../infra/constructs/waf';
import { buildApp } from '../../infra/main';
import { resources, single, synthConstructs, synthStack, testConfig, type Block, testLambdaBundles } from '../../infra/testing';

type Rule = {
  name: string;
  priority: number;
  statement: Record<string, Block>;
  action?: { block?: { custom_response: { response_code: number; custom_response_body_key: string; response_header?: { name: string; value: string }[] } } };
  override_action?: { count?: Record<string, never> };
  visibility_config: { cloudwatch_metrics_enabled: boolean; sampled_requests_enabled: boolean; metric_name: string };
};
/** A request as the block rule sees it: its path, and the labels the managed groups gave it. */
type Seen = { readonly path: string; readonly labels: readonly string[] };
const children = (block: Block) => (Array.isArray(block.statement) ? block.statement : [block.statement]) as Record<string, Block>[];

/** Evaluates the statement shapes the ACL uses against a request, as WAF would. */
function matches(statement: Record<string, Block>, seen: Seen): boolean {
  const [kind, body] = Object.entries(statement)[0]!;
  switch (kind) {
    case 'or_statement':
      return children(body).some((child) => matches(child, seen));
    case 'and_statement':
      return children(body).every((child) => matches(child, seen));
    case 'not_statement':
      return !matches(children(body)[0]!, seen);
    case 'label_match_statement':
      return body.scope === 'NAMESPACE' ? seen.labels.some((label) => label.startsWith(String(body.key))) : seen.labels.includes(String(body.key));
    case 'byte_match_statement': {
      assert.deepEqual(body.field_to_match, { uri_path: {} });
      const lowercase = (body.text_transformation as { type: string }[]).some((step) => step.type === 'LOWERCASE');
      const path = lowercase ? seen.path.toLowerCase() : seen.path;
      return body.positional_constraint === 'EXACTLY' ? path === body.search_string : path.startsWith(String(body.search_string));
    }
    default:
      throw new Error(`no evaluator for ${kind}`);
  }
}

type RateStatement = { limit: number; aggregate_key_type: string; evaluation_window_sec: number; scope_down_statement: Record<string, Block> };

describe('WebAclConstruct', () => {
  const waf = synthConstructs((scope) => {
    const provider = new AwsProvider(scope, 'aws-us-east-1', { alias: 'us-east-1', region: 'us-east-1' });
    new WebAclConstruct(scope, 'waf', { prefix: 'todoer-prod', provider });
  });
  const acl = single(waf, 'aws_wafv2_web_acl');
  const rules = Object.fromEntries((acl.rule as Rule[]).map((rule) => [rule.name, rule]));
  const rate = (name: string) => rules[name]!.statement.rate_based_statement as unknown as RateStatement;

  it('is a CLOUDFRONT web ACL, made through the us-east-1 provider, allowing what no rule blocks', () => {
    assert.equal(acl.scope, 'CLOUDFRONT');
    assert.equal(acl.provider, 'aws.us-east-1');
    assert.deepEqual(acl.default_action, { allow: {} });
    assert.deepEqual(Object.keys(rules), ['rate-limit-auth', 'rate-limit-api', ...MANAGED_RULE_GROUPS.map((group) => group.name), 'block-managed-rule-matches']);
    assert.deepEqual((acl.rule as Rule[]).map((rule) => rule.priority), [0, 1, 2, 3, 4]);
  });

  it('limits each IP to 100 requests in 5 minutes on the routes that check a password or send email, with a 429', () => {
    const auth = rate('rate-limit-auth');
    assert.deepEqual([auth.limit, auth.aggregate_key_type, auth.evaluation_window_sec], [100, 'IP', 300]);
    assert.equal(AUTH_RATE_LIMIT, 100);
    const pattern = new RegExp((auth.scope_down_statement.regex_match_statement as { regex_string: string }).regex_string);
    for (const route of RATE_LIMITED_AUTH_ROUTES) assert.ok(pattern.test(`/api/auth/${route}`), route);
    for (const route of ['sign-in', 'sign-up', 'resend-code', 'forgot-password']) assert.ok((RATE_LIMITED_AUTH_ROUTES as readonly string[]).includes(route));
    for (const path of ['/api/auth/me', '/api/auth/refresh', '/api/auth/sign-inx', '/api/tasks', '/x/api/auth/sign-in']) assert.ok(!pattern.test(path), path);
    assert.deepEqual(auth.scope_down_statement.regex_match_statement!.field_to_match, { uri_path: {} });
    assert.deepEqual(rules['rate-limit-auth']!.action!.block!.custom_response, {
      response_code: 429,
      custom_response_body_key: 'too-many-requests',
      response_header: [{ name: 'Retry-After', value: '60' }],
    });
  });

  it('limits each IP to 2000 requests in 5 minutes on the whole API, with a 429', () => {
    const api = rate('rate-limit-api');
    assert.deepEqual([api.limit, api.aggregate_key_type, api.evaluation_window_sec], [API_RATE_LIMIT, 'IP', 300]);
    assert.ok(API_RATE_LIMIT > AUTH_RATE_LIMIT);
    assert.deepEqual(api.scope_down_statement.byte_match_statement, {
      search_string: '/api/',
      positional_constraint: 'STARTS_WITH',
      field_to_match: { uri_path: {} },
      text_transformation: [{ priority: 0, type: 'LOWERCASE' }],
    });
    assert.equal(rules['rate-limit-api']!.action!.block!.custom_response.response_code, 429);
  });

  it("runs AWS's common and known-bad-input rule groups, and blocks their matches with a 403 of ours", () => {
    for (const group of ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']) {
      assert.deepEqual(rules[group]!.statement, { managed_rule_group_statement: { vendor_name: 'AWS', name: group } });
      // The groups label and count; the block rule below turns every label into a 403.
      assert.deepEqual(rules[group]!.override_action, { count: {} });
    }
    const blockRule = rules['block-managed-rule-matches']!;
    const blocks = (path: string, labels: string[]) => matches(blockRule.statement, { path, labels });
    const core = 'awswaf:managed:aws:core-rule-set:';
    const xss = `${core}CrossSiteScripting_Body`;
    assert.equal(blocks('/api/tasks', []), false, 'nothing matched');
    assert.equal(blocks('/api/tasks', [xss]), true);
    assert.equal(blocks('/api/tasks', ['awswaf:managed:aws:known-bad-inputs:Log4JRCE_Body']), true);
    assert.equal(blocks('/api/tasks', [BODY_SIZE_LABEL]), true, 'bodies over 8 KB anywhere else');
    assert.ok(BODY_SIZE_LABEL.startsWith(core));
    // An import file is bigger than that: the size alone does not block it there, any other match does.
    assert.equal(LARGE_BODY_PATH, '/api/import');
    assert.equal(blocks('/api/import', [BODY_SIZE_LABEL]), false);
    assert.equal(blocks('/API/Import', [BODY_SIZE_LABEL]), false);
    assert.equal(blocks('/api/import', [xss]), true);
    assert.equal(blocks('/api/import', ['awswaf:managed:aws:known-bad-inputs:Log4JRCE_Body', BODY_SIZE_LABEL]), true);
    assert.equal(blocks('/api/import/x', [BODY_SIZE_LABEL]), true);
    assert.equal(blocks('/api/imports', [BODY_SIZE_LABEL]), true);
    assert.deepEqual(blockRule.action!.block!.custom_response, { response_code: 403, custom_response_body_key: 'forbidden' });
    assert.ok(blockRule.priority > rules.AWSManagedRulesKnownBadInputsRuleSet!.priority, 'labels exist only after their group ran');
  });

  it('answers with RFC 9457 JSON bodies whose status matches the response code', () => {
    const bodies = acl.custom_response_body as { key: string; content: string; content_type: string }[];
    assert.deepEqual(bodies.map((body) => body.key).sort(), ['forbidden', 'too-many-requests']);
    for (const body of bodies) {
      // WAF offers TEXT_PLAIN, TEXT_HTML and APPLICATION_JSON only: problem details go out as application/json.
      assert.equal(body.content_type, 'APPLICATION_JSON');
      const problem = JSON.parse(body.content) as { type: string; title: string; status: number; detail: string };
      assert.deepEqual(Object.keys(problem), ['type', 'title', 'status', 'detail']);
      assert.equal(problem.type, 'about:blank');
      assert.equal(problem.status, BLOCK_BODIES[body.key as keyof typeof BLOCK_BODIES].status);
    }
    const statusOf = (key: string) => (JSON.parse(bodies.find((body) => body.key === key)!.content) as { status: number; title: string });
    assert.deepEqual(statusOf('too-many-requests'), { ...statusOf('too-many-requests'), status: 429, title: 'Too Many Requests' });
    assert.deepEqual(statusOf('forbidden'), { ...statusOf('forbidden'), status: 403, title: 'Forbidden' });
  });

  it('sends metrics and samples for the ACL and every rule', () => {
    for (const config of [acl.visibility_config as Rule['visibility_config'], ...Object.values(rules).map((rule) => rule.visibility_config)]) {
      assert.equal(config.cloudwatch_metrics_enabled, true);
      assert.equal(config.sampled_requests_enabled, true);
      assert.match(config.metric_name, /^todoer-prod-/);
    }
  });
});

describe('WAF in the app stack', () => {
  const stack = (env: Record<string, string>) => synthStack(buildApp(Testing.app(), testConfig(env), testLambdaBundles()).app);

  it('is on by default for the standard and ha sizes, attached to the distribution', () => {
    for (const env of [{ TODOER_ENV: 'prod' }, { TODOER_SIZE: 'standard' }] as Record<string, string>[]) {
      const app = stack(env);
      const [address] = Object.keys(app.resource.aws_wafv2_web_acl ?? {});
      assert.ok(address, JSON.stringify(env));
      assert.equal(single(app, 'aws_cloudfront_distribution').web_acl_id, `\${aws_wafv2_web_acl.${address}.arn}`);
    }
  });

  it('is off by default for personal, and on with TODOER_WAF=true', () => {
    const personal = stack({});
    assert.deepEqual(resources(personal, 'aws_wafv2_web_acl'), []);
    assert.equal(single(personal, 'aws_cloudfront_distribution').web_acl_id, undefined);
    assert.equal(resources(stack({ TODOER_WAF: 'true' }), 'aws_wafv2_web_acl').length, 1);
    assert.deepEqual(resources(stack({ TODOER_ENV: 'prod', TODOER_WAF: 'false' }), 'aws_wafv2_web_acl'), []);
  });

  it('is made in us-east-1: through an aliased provider when the stack is elsewhere, the default one otherwise', () => {
    const elsewhere = stack({ TODOER_ENV: 'prod', AWS_REGION: 'eu-west-1' });
    const providers = elsewhere.provider.aws as { alias?: string; region: string }[];
    assert.deepEqual(providers.map((provider) => [provider.alias, provider.region]), [[undefined, 'eu-west-1'], ['us-east-1', 'us-east-1']]);
    assert.equal(single(elsewhere, 'aws_wafv2_web_acl').provider, 'aws.us-east-1');
    const home = stack({ TODOER_ENV: 'prod' });
    assert.equal((home.provider.aws as unknown[]).length, 1);
    assert.equal(single(home, 'aws_wafv2_web_acl').provider, 'aws', 'the stack provider, in us-east-1 already');
  });
});

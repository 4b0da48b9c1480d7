import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Wafv2WebAcl, type Wafv2WebAclRule } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Construct } from 'constructs';

/** Requests per IP in 5 minutes to the endpoints that send email or check a password. */
export const AUTH_RATE_LIMIT = 100;
/** Requests per IP in 5 minutes to the API as a whole: far above what one person's browser sends. */
export const API_RATE_LIMIT = 2000;
export const RATE_WINDOW_SECONDS = 300;
/** The /api/auth routes worth guessing or flooding; session routes (me, refresh, token, sign-out) fall under the API limit. */
export const RATE_LIMITED_AUTH_ROUTES = ['sign-in', 'sign-up', 'confirm', 'resend-code', 'forgot-password', 'reset-password'] as const;

/** The AWS managed rule groups, and the label namespace each one's matches carry. */
export const MANAGED_RULE_GROUPS = [
  { name: 'AWSManagedRulesCommonRuleSet', labelNamespace: 'awswaf:managed:aws:core-rule-set:' },
  { name: 'AWSManagedRulesKnownBadInputsRuleSet', labelNamespace: 'awswaf:managed:aws:known-bad-inputs:' },
] as const;

/**
 * The one route that takes bodies over the common rule set's 8 KB (SizeRestrictions_BODY): an import
 * file (the app caps it at 5 MB, lib/transfer/model.ts). Its other rules still apply to it.
 */
export const LARGE_BODY_PATH = '/api/import';
export const BODY_SIZE_LABEL = 'awswaf:managed:aws:core-rule-set:SizeRestrictions_Body';

/**
 * RFC 9457 bodies of WAF's own answers. WAF can only label them application/json (its content types are
 * TEXT_PLAIN, TEXT_HTML and APPLICATION_JSON), not application/problem+json; the fields are the standard ones.
 */
export const BLOCK_BODIES = {
  'too-many-requests': {
    status: 429,
    problem: {
      type: 'about:blank',
      title: 'Too Many Requests',
      status: 429,
      detail: 'Too many requests from your address. Wait a few minutes, then try again.',
    },
  },
  forbidden: {
    status: 403,
    problem: {
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: 'The firewall refused this request because it looks like an attack.',
    },
  },
} as const;
type BodyKey = keyof typeof BLOCK_BODIES;

/** The rule statements used here, in the Terraform JSON shape of `statement` (which the bindings leave untyped). */
type TextTransformation = { readonly priority: number; readonly type: 'NONE' | 'LOWERCASE' };
type UriPath = { readonly uri_path: Record<string, never> };
type Statement =
  | { readonly managed_rule_group_statement: { readonly vendor_name: 'AWS'; readonly name: string } }
  | {
      readonly rate_based_statement: {
        readonly limit: number;
        readonly aggregate_key_type: 'IP';
        readonly evaluation_window_sec: number;
        readonly scope_down_statement: Statement;
      };
    }
  | {
      readonly byte_match_statement: {
        readonly search_string: string;
        readonly positional_constraint: 'STARTS_WITH' | 'EXACTLY';
        readonly field_to_match: UriPath;
        readonly text_transformation: readonly TextTransformation[];
      };
    }
  | {
      readonly regex_match_statement: {
        readonly regex_string: string;
        readonly field_to_match: UriPath;
        readonly text_transformation: readonly TextTransformation[];
      };
    }
  | { readonly or_statement: { readonly statement: readonly Statement[] } }
  | { readonly and_statement: { readonly statement: readonly Statement[] } }
  | { readonly not_statement: { readonly statement: readonly Statement[] } }
  | { readonly label_match_statement: { readonly scope: 'NAMESPACE' | 'LABEL'; readonly key: string } };

const LOWERCASE: readonly TextTransformation[] = [{ priority: 0, type: 'LOWERCASE' }];

export type WebAclProps = {
  readonly prefix: string;
  /** The AWS provider in us-east-1, where CloudFront's web ACLs must live. */
  readonly provider: AwsProvider;
};

/**
 * AWS WAF in front of CloudFront: per-IP rate limits on the auth endpoints and on the API (429), and AWS's
 * common and known-bad-input rule groups (403), each answered with a problem+json body.
 */
export class WebAclConstruct extends Construct {
  readonly arn: string;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const metric = (name: string) => ({
      cloudwatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${props.prefix}-${name}`,
    });
    const block = (key: BodyKey, headers: { name: string; value: string }[] = []) => ({
      block: {
        customResponse: {
          responseCode: BLOCK_BODIES[key].status,
          customResponseBodyKey: key,
          responseHeader: headers.length > 0 ? headers : undefined,
        },
      },
    });
    const tooMany = block('too-many-requests', [{ name: 'Retry-After', value: '60' }]);
    const rateLimit = (limit: number, scopeDown: Statement): Statement => ({
      rate_based_statement: { limit, aggregate_key_type: 'IP', evaluation_window_sec: RATE_WINDOW_SECONDS, scope_down_statement: scopeDown },
    });

    const largeBodyRoute: Statement = {
      byte_match_statement: { search_string: LARGE_BODY_PATH, positional_constraint: 'EXACTLY', field_to_match: { uri_path: {} }, text_transformation: LOWERCASE },
    };

    const rules: Wafv2WebAclRule[] = [
      {
        name: 'rate-limit-auth',
        priority: 0,
        statement: rateLimit(AUTH_RATE_LIMIT, {
          regex_match_statement: {
            regex_string: `^/api/auth/(${RATE_LIMITED_AUTH_ROUTES.join('|')})/?$`,
            field_to_match: { uri_path: {} },
            text_transformation: LOWERCASE,
          },
        }),
        action: tooMany,
        visibilityConfig: metric('rate-limit-auth'),
      },
      {
        name: 'rate-limit-api',
        priority: 1,
        statement: rateLimit(API_RATE_LIMIT, {
          byte_match_statement: {
            search_string: '/api/',
            positional_constraint: 'STARTS_WITH',
            field_to_match: { uri_path: {} },
            text_transformation: LOWERCASE,
          },
        }),
        action: tooMany,
        visibilityConfig: metric('rate-limit-api'),
      },
      // The groups only count and label what they match; the next rule blocks it with our body. A managed
      // group's own block sends WAF's plain 403, and overriding each rule by name would miss rules AWS adds.
      ...MANAGED_RULE_GROUPS.map((group, index) => ({
        name: group.name,
        priority: 2 + index,
        statement: { managed_rule_group_statement: { vendor_name: 'AWS', name: group.name } } satisfies Statement,
        overrideAction: { count: {} },
        visibilityConfig: metric(group.name),
      })),
      {
        name: 'block-managed-rule-matches',
        priority: 2 + MANAGED_RULE_GROUPS.length,
        statement: {
          or_statement: {
            statement: MANAGED_RULE_GROUPS.map((group): Statement => {
              const matched: Statement = { label_match_statement: { scope: 'NAMESPACE', key: group.labelNamespace } };
              if (group.name !== 'AWSManagedRulesCommonRuleSet') return matched;
              // Any match of the common rules, except the body size alone on the import route. (WAF cannot
              // match "a label of the namespace other than this one", so an import over 8 KB that also
              // matched another common rule passes; the app validates every field of it.)
              return {
                and_statement: {
                  statement: [matched, { not_statement: { statement: [{ and_statement: { statement: [largeBodyRoute, { label_match_statement: { scope: 'LABEL', key: BODY_SIZE_LABEL } }] } }] } }],
                },
              };
            }),
          },
        } satisfies Statement,
        action: block('forbidden'),
        visibilityConfig: metric('block-managed-rule-matches'),
      },
    ];

    const acl = new Wafv2WebAcl(this, 'acl', {
      provider: props.provider,
      name: props.prefix,
      description: 'Todoer: rate limits and AWS managed rules in front of CloudFront',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      customResponseBody: Object.entries(BLOCK_BODIES).map(([key, body]) => ({
        key,
        contentType: 'APPLICATION_JSON',
        content: JSON.stringify(body.problem),
      })),
      rule: rules,
      visibilityConfig: metric('web-acl'),
    });
    this.arn = acl.arn;
  }
}

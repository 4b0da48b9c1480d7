import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';

/**
 * An `ephemeral "random_password"` block (random provider ≥ 3.7): Terraform generates the value during the
 * run and keeps it out of state and plan. cdktf 0.21 has no ephemeral resources, so the block is written into
 * the stack's JSON directly. Only write-only arguments (`*_wo`) may take the returned reference.
 */
export function ephemeralRandomPassword(scope: Construct, name: string, options: { readonly length: number }): string {
  TerraformStack.of(scope).addOverride(`ephemeral.random_password.${name}`, { length: options.length, special: false });
  return `\${ephemeral.random_password.${name}.result}`;
}

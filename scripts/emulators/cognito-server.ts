/**
 * Child-process entry that runs cognito-local. It reads its port, host and one-time code from the
 * environment at import time and keeps data under `.cognito/` in the working directory, so both
 * are set before it is loaded.
 *
 * cognito-local has no ResendConfirmationCode and no GlobalSignOut; this local wiring adds both to
 * its target table using its own user store, so the app keeps calling the real Cognito operations.
 * It also answers a wrong password as AWS does (NotAuthorizedException, not InvalidPasswordException),
 * and marks the email verified when a sign-up is confirmed with the emailed code, as AWS does for a pool
 * that auto-verifies email (cognito-local leaves `email_verified` unset; invitations rely on it).
 * Its access tokens lack `origin_jti`, which AWS sets (with token revocation on) to the id of the
 * refresh token they came from, the same for every token a refresh issues; the app keys sessions by it,
 * so the access tokens of InitiateAuth are signed again with it (the refresh token's `jti` here).
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const [dataDir, port, host, code] = process.argv.slice(2);
if (!dataDir || !port || !host || !code) {
  console.error('usage: cognito-server.ts <dataDir> <port> <host> <code>');
  process.exit(2);
}
mkdirSync(dataDir, { recursive: true });
process.chdir(dataDir);
Object.assign(process.env, { PORT: port, HOST: host, CODE: code });

const require = createRequire(import.meta.url);
const cognitoRequire = createRequire(require.resolve('cognito-local'));

type Ctx = { logger: { info: (...args: unknown[]) => void } };
type StoredUser = { Username: string; UserStatus: string; Attributes: { Name: string; Value?: string }[]; RefreshTokens?: string[] };
type UserPool = {
  getUserByUsername(ctx: Ctx, username: string): Promise<StoredUser | null>;
  saveUser(ctx: Ctx, user: StoredUser & Record<string, unknown>): Promise<void>;
};
type Services = { cognito: { getUserPoolForClientId(ctx: Ctx, clientId: string): Promise<UserPool> }; otp: () => string };
type Target = (services: Services) => (ctx: Ctx, req: Record<string, string>) => Promise<unknown>;

const { Targets } = cognitoRequire('./targets/targets') as { Targets: Record<string, Target> };
const errors = cognitoRequire('./errors') as Record<string, new (message?: string) => Error>;
type Claims = { client_id?: string; sub?: string; jti?: string } & Record<string, unknown>;
const jwt = cognitoRequire('jsonwebtoken') as {
  decode(token: string): Claims | null;
  sign(payload: Claims, key: string, options: { algorithm: 'RS256'; keyid: string }): string;
};
const signingKey = (cognitoRequire('./keys/cognitoLocal.private.json') as { pem: string }).pem;

function emailOf(user: StoredUser): string {
  return user.Attributes.find((attribute) => attribute.Name === 'email')?.Value ?? user.Username;
}

Targets.ResendConfirmationCode = ({ cognito, otp }) => async (ctx, req) => {
  const userPool = await cognito.getUserPoolForClientId(ctx, req.ClientId ?? '');
  const user = await userPool.getUserByUsername(ctx, req.Username ?? '');
  if (!user) throw new errors.UserNotFoundError!();
  if (user.UserStatus === 'CONFIRMED') throw new errors.InvalidParameterError!('User is already confirmed.');
  const newCode = otp();
  await userPool.saveUser(ctx, { ...user, ConfirmationCode: newCode });
  ctx.logger.info(`Confirmation code for ${emailOf(user)}: ${newCode}`);
  return { CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: emailOf(user) } };
};

Targets.GlobalSignOut = ({ cognito }) => async (ctx, req) => {
  const decoded = jwt.decode(req.AccessToken ?? '');
  if (!decoded?.client_id || !decoded.sub) throw new errors.NotAuthorizedError!();
  const userPool = await cognito.getUserPoolForClientId(ctx, decoded.client_id);
  const user = await userPool.getUserByUsername(ctx, decoded.sub);
  if (!user) throw new errors.NotAuthorizedError!();
  await userPool.saveUser(ctx, { ...user, RefreshTokens: [] });
  return {};
};

// Confirming with the code sent to the address proves it: AWS sets email_verified=true.
const confirmSignUp = Targets.ConfirmSignUp;
if (!confirmSignUp) throw new Error('cognito-local has no ConfirmSignUp target');
Targets.ConfirmSignUp = (services) => {
  const run = confirmSignUp(services);
  return async (ctx, req) => {
    const result = await run(ctx, req);
    const userPool = await services.cognito.getUserPoolForClientId(ctx, req.ClientId ?? '');
    const user = await userPool.getUserByUsername(ctx, req.Username ?? '');
    if (user && !user.Attributes.some((attribute) => attribute.Name === 'email_verified')) {
      await userPool.saveUser(ctx, { ...user, Attributes: [...user.Attributes, { Name: 'email_verified', Value: 'true' }] });
    }
    return result;
  };
};

// AWS reports a wrong current password as NotAuthorizedException; cognito-local says InvalidPassword.
for (const name of ['InitiateAuth', 'AdminInitiateAuth', 'ChangePassword']) {
  const original = Targets[name];
  if (!original) throw new Error(`cognito-local has no ${name} target`);
  Targets[name] = (services) => {
    const run = original(services);
    return async (ctx, req) => {
      try {
        return await run(ctx, req);
      } catch (error) {
        if (error instanceof errors.InvalidPasswordError!) throw new errors.NotAuthorizedError!('Incorrect username or password.');
        throw error;
      }
    };
  };
}

// origin_jti: the session an access token belongs to, kept across refreshes (see the header).
type AuthResult = { AuthenticationResult?: { AccessToken?: string; RefreshToken?: string } };
const initiateAuth = Targets.InitiateAuth!;
Targets.InitiateAuth = (services) => {
  const run = initiateAuth(services);
  return async (ctx, req) => {
    const result = (await run(ctx, req)) as AuthResult;
    const tokens = result.AuthenticationResult;
    const refreshToken = tokens?.RefreshToken ?? (req as unknown as { AuthParameters?: Record<string, string> }).AuthParameters?.REFRESH_TOKEN;
    const origin = refreshToken ? jwt.decode(refreshToken)?.jti : undefined;
    const access = tokens?.AccessToken ? jwt.decode(tokens.AccessToken) : null;
    if (!tokens || !access || !origin) return result;
    return { ...result, AuthenticationResult: { ...tokens, AccessToken: jwt.sign({ ...access, origin_jti: origin }, signingKey, { algorithm: 'RS256', keyid: 'CognitoLocal' }) } };
  };
};

const pino = cognitoRequire('pino') as (options: object, stream?: unknown) => unknown;
const logger = pino({ level: process.env.DEBUG ? 'debug' : 'warn', base: undefined });
const { createDefaultServer } = cognitoRequire('./server') as {
  createDefaultServer(logger: unknown): Promise<{ start(): Promise<unknown> }>;
};

createDefaultServer(logger)
  .then((server) => server.start())
  .then(() => process.send?.({ ready: true }))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
process.on('disconnect', () => process.exit(0));

import { ConfigurationBotFrameworkAuthentication } from "botbuilder";

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication["authenticateRequest"]>>;
type ConnectorFactory = NonNullable<AuthenticateRequestResult["connectorFactory"]>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory["create"]>>;
type ClaimsIdentity = AuthenticateRequestResult["claimsIdentity"];
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication["createUserTokenClient"]>>;

/** Teams uses a handful of regional service URLs; the bound only matters when auth is off and anyone can post. */
const MAX_CLIENTS = 32;

/**
 * Bot Framework authentication that reuses its HTTP clients across turns. CloudAdapter builds a new
 * ConnectorClient and UserTokenClient (each a full HTTP pipeline) for every incoming activity: measured,
 * that is about 90% of the time before a turn is acknowledged, and at 50 activities in flight it alone
 * breaks the acknowledgement budget. The clients hold nothing turn-specific (only the bot's credentials,
 * whose token cache is then shared too), which is why botbuilder's older BotFrameworkAdapter cached them.
 */
export class ReusingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly tokenClients = new Map<string, Promise<UserTokenClient>>();

  override async authenticateRequest(activity: Parameters<ConfigurationBotFrameworkAuthentication["authenticateRequest"]>[0], authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    const factory = result.connectorFactory;
    if (!factory) return result;
    const bot = audienceOf(result.claimsIdentity);
    const reusing = Object.create(factory) as ConnectorFactory;
    reusing.create = (serviceUrl: string, audience?: string) => remember(this.connectors, `${bot}|${audience ?? ""}|${serviceUrl}`, () => factory.create(serviceUrl, audience));
    return { ...result, connectorFactory: reusing };
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return remember(this.tokenClients, audienceOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }
}

/** The bot the request was addressed to (the token's audience); empty with auth off. */
function audienceOf(identity: ClaimsIdentity): string {
  return identity.claims.find((claim) => claim.type === "aud")?.value ?? "";
}

function remember<T>(cache: Map<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    if (cache.size >= MAX_CLIENTS) cache.delete(cache.keys().next().value!);
    value = create();
    cache.set(key, value);
    // A failed creation is not remembered: the next turn tries again.
    value.catch(() => cache.delete(key));
  }
  return value;
}

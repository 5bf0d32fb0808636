// Word lists the instance's host name, domain and admin account are drawn from: names real small-company
// and hosting servers carry. Never a name a public honeypot ships with (svr04, nas3, phil, richard ...).

/** What a server does, as admins name them. */
export const ROLES = [
  'web', 'www', 'app', 'api', 'db', 'mysql', 'pg', 'redis', 'cache', 'mail', 'mx', 'smtp', 'ns', 'dns', 'vpn', 'proxy',
  'lb', 'git', 'ci', 'build', 'jenkins', 'mon', 'monitor', 'log', 'files', 'nas', 'backup', 'docker', 'worker', 'cron',
  'jump', 'bastion', 'ftp', 'shop', 'cms', 'intranet', 'wiki', 'erp', 'crm', 'sql', 'elastic', 'kafka', 'nfs', 'sftp',
] as const;

/** Names that stand alone as a host's whole name. */
export const SINGLE_NAMES = [
  'nas', 'gitlab', 'nextcloud', 'intranet', 'wiki', 'jira', 'confluence', 'grafana', 'zabbix', 'nagios', 'gateway',
  'mailhost', 'fileserver', 'webserver', 'dbserver', 'storage', 'homeserver', 'devbox', 'buildbox', 'vault',
] as const;

export const ENVIRONMENTS = ['prod', 'prd', 'stg', 'stage', 'dev', 'test', 'qa', 'int', 'live'] as const;

/** Data-centre and office site codes. */
export const SITES = ['fra1', 'fra', 'ams3', 'ams', 'lon1', 'lhr', 'par', 'nyc3', 'nyc', 'sfo2', 'sgp1', 'tor1', 'blr1', 'dc1', 'dc2', 'muc', 'ber', 'waw', 'hel', 'sto', 'mad', 'mil', 'zrh', 'vie'] as const;

/** Theme names some admins give their machines. */
export const THEMES = [
  'atlas', 'orion', 'apollo', 'hermes', 'zeus', 'athena', 'titan', 'vega', 'nova', 'luna', 'sirius', 'phoenix', 'falcon',
  'kestrel', 'osprey', 'condor', 'lynx', 'otter', 'badger', 'bison', 'cobalt', 'argon', 'helium', 'neon', 'xenon',
  'pluto', 'mercury', 'saturn', 'jupiter', 'neptune', 'rigel', 'deneb', 'altair', 'castor', 'pollux', 'tesla', 'euler',
  'gauss', 'turing', 'hopper', 'lovelace', 'darwin', 'newton', 'kepler', 'galileo', 'fermi', 'bohr', 'curie',
] as const;

/** Made-up organisation words for the DNS domain. */
export const ORGS = [
  'northwind', 'brightline', 'keystone', 'redwood', 'bluepeak', 'ironbridge', 'silverlake', 'oakfield', 'greenway',
  'stonegate', 'clearwater', 'harborview', 'lakeside', 'westpoint', 'eastbay', 'highland', 'riverbend', 'summit',
  'meridian', 'vantage', 'pinnacle', 'horizon', 'fairview', 'maplewood', 'brookside', 'cedarhill', 'foxglove',
] as const;

/** Domain endings of private networks (RFC 8375 home.arpa, the ICANN-reserved .internal, the usual LAN ones). */
export const PRIVATE_TLDS = ['internal', 'lan', 'local', 'corp', 'intra', 'home.arpa', 'int'] as const;

/** The admin's account: common first names and the role accounts admins make for automation. */
export const FIRST_NAMES = [
  'alex', 'anna', 'ben', 'carlos', 'chris', 'daniel', 'david', 'emma', 'eric', 'felix', 'jan', 'julia', 'kevin', 'lars',
  'laura', 'lukas', 'marco', 'maria', 'mark', 'martin', 'max', 'michael', 'nina', 'oliver', 'paul', 'sam', 'sara',
  'simon', 'stefan', 'thomas', 'tom', 'victor', 'andrei', 'pavel', 'marek', 'jonas', 'nils', 'erik', 'kim', 'ana',
] as const;

export const ROLE_ACCOUNTS = ['deploy', 'ansible', 'ops', 'sysadmin', 'devops', 'svc', 'webadmin', 'dev'] as const;

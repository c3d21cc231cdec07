/**
 * Where the CRM content script runs. One list, used by the manifest
 * (content_scripts.matches and web_accessible_resources.matches) so the two
 * cannot drift. Keep it to deal-capable hosts: every pattern here is a site
 * where the content script costs something on every page load.
 */
export const CRM_MATCHES: string[] = [
  // Salesforce Lightning (production, sandboxes `org--sbx.sandbox.lightning.force.com`)
  'https://*.lightning.force.com/*',
  // Salesforce My Domain (`acme.my.salesforce.com`, sandboxes too) and Classic's instance pods
  // (`na44.salesforce.com`), which no narrower pattern can name; the rest of salesforce.com is
  // left out by CRM_EXCLUDES
  'https://*.salesforce.com/*',
  // Salesforce behind Microsoft Defender for Cloud Apps proxy (Lightning, and Classic / My Domain)
  'https://*.force.com.mcas.ms/*',
  'https://*.salesforce.com.mcas.ms/*',
  // HubSpot data centres: US (app), EU (app-eu1), and the newer US and Asia-Pacific ones
  // (app-na2, app-ap1), whose addresses the adapter already reads
  'https://app.hubspot.com/*',
  'https://app-eu1.hubspot.com/*',
  'https://app-na2.hubspot.com/*',
  'https://app-ap1.hubspot.com/*',
  // Pipedrive
  'https://*.pipedrive.com/*',
  // Dynamics 365 Sales environments: {org}.crm.dynamics.com and the numbered regions (crm2 South
  // America, crm4 EMEA, crm11 UK, …; up to crm30, for regions opened since), not all of
  // dynamics.com (Finance & Operations, Business Central, home.dynamics.com are no CRM)
  'https://*.crm.dynamics.com/*',
  ...Array.from({ length: 29 }, (_, i) => `https://*.crm${i + 2}.dynamics.com/*`),
  // Zoho CRM data centres
  'https://crm.zoho.com/*',
  'https://crm.zoho.eu/*',
  'https://crm.zoho.in/*',
  'https://crm.zoho.com.au/*',
  'https://crm.zoho.com.cn/*',
  'https://crm.zoho.jp/*',
  'https://crm.zohocloud.ca/*',
];

/**
 * The salesforce.com sites that are no org's (sign-in, help, learning, the store, the company's
 * own), where the content script has no business running: left out of CRM_MATCHES' broad
 * `*.salesforce.com` (content_scripts.exclude_matches). The Salesforce adapter refuses the same
 * hosts (lib/crm/salesforce.ts).
 */
export const CRM_EXCLUDES: string[] = ['www', 'login', 'test', 'help', 'trailhead', 'developer', 'status', 'appexchange'].flatMap((h) => [
  `https://${h}.salesforce.com/*`,
  `https://${h}.salesforce.com.mcas.ms/*`,
]);

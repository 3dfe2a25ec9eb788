import robotsParser from "robots-parser";

/**
 * A site's robots.txt, which every request Sanshen makes to another site
 * obeys (the crawl, the linked columns' feeds, inspect's external links):
 * read once per site by its caller, parsed by robots-parser. A file that is
 * missing (404) or cannot be read allows everything.
 */
export type RobotsRules = ReturnType<typeof robotsParser>;

export const robotsUrl = (origin: string): string => `${origin}/robots.txt`;

/** The rules from the file's text; undefined (everything allowed) when there is no text. */
export const robotsRules = (origin: string, text: string | undefined): RobotsRules | undefined => (text === undefined ? undefined : robotsParser(robotsUrl(origin), text));

/** The rules forbid `agent` this address (no rules forbid nothing). */
export const robotsForbid = (rules: RobotsRules | undefined, url: string, agent: string): boolean => rules?.isAllowed(url, agent) === false;

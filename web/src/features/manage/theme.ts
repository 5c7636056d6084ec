import type { ThemeConfig } from 'antd';

/**
 * The staff area's Ant Design theme. Ant's default greys, placeholder, red, link blue and the text of its coloured
 * tags are below the 4.5:1 contrast WCAG 2.1 AA asks of normal text; these tokens raise each to at least 4.5:1 on
 * white and on the light fills Ant puts behind them (#f5f5f5, the tags' own backgrounds), checked by axe-core in
 * tests/e2e/accessibility.e2e.test.ts. The coloured tags' text is set in manage.css: Ant derives it from palettes
 * that a token override does not reach.
 */
export const MANAGE_THEME: ThemeConfig = {
  token: {
    colorPrimary: '#a3121f',
    borderRadius: 6,
    // Secondary text (hints, statistic titles, empty states): 7.0:1 on white, 6.4:1 on #f5f5f5.
    colorTextSecondary: '#595959',
    colorTextTertiary: '#595959',
    colorTextDescription: '#595959',
    // Placeholders and empty tables: 5.1:1 on white, 4.7:1 on #f5f5f5.
    colorTextPlaceholder: '#6e6e6e',
    colorTextQuaternary: '#6e6e6e',
    // Errors and danger buttons (red-7): 5.6:1 on white.
    colorError: '#cf1322',
    colorLink: '#0958d9',
    colorInfo: '#0958d9',
  },
};

// uPlot with its stylesheet, as one chunk that VotingCharts imports only when it draws a chart.
import 'uplot/dist/uPlot.min.css';

export { default } from 'uplot';

// ECharts' side-effect entry points (`echarts/lib/chart/<type>`, `echarts/lib/component/<name>`) ship
// without declarations; echart.tsx imports them only for their registration.
declare module "echarts/lib/*";
